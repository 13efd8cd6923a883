package dev.keelson.core.appset;

import java.util.Map;

/** A repository's files at one commit, for the git generator: paths relative to the root, '/'-separated. */
public record RepoSnapshot(String commitSha, Map<String, byte[]> files) {
  public RepoSnapshot {
    files = Map.copyOf(files);
  }
}
