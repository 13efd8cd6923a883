package dev.keelson.core.appset;

import java.util.List;

/** What generators read from outside: the controller reads clusters from Secrets and repositories with JGit. */
public interface GeneratorInputs {
  /** Every cluster Secret's cluster (not the controller's own unless a Secret names it). */
  List<ClusterInfo> clusters() throws GeneratorException;

  /** The repository at {@code revision} (empty: its default branch), freshly fetched. */
  RepoSnapshot repository(String repoURL, String revision) throws GeneratorException;
}
