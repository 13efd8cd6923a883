package dev.keelson.controller.engine;

import dev.keelson.controller.app.AppSettings;
import dev.keelson.source.GitCredentials;
import dev.keelson.controller.repos.RepositoryCredentials;
import dev.keelson.controller.repos.SecretData;
import dev.keelson.source.GitSourceCache;
import dev.keelson.source.ResolvedRevision;
import dev.keelson.source.SourceException;
import dev.keelson.source.SourceTree;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Step 1 of the flow: the app's files at the resolved commit, from the shared Git cache. */
public final class SourceLoader {
  private final GitSourceCache git;
  private final KubernetesClient client;
  private final RepositoryCredentials repositories;

  /** @param repositories credentials for apps without their own secretRef (repository Secrets) */
  public SourceLoader(GitSourceCache git, KubernetesClient client, RepositoryCredentials repositories) {
    this.git = git;
    this.client = client;
    this.repositories = repositories;
  }

  /**
   * The resolved commit, the ref it resolved through, and the tree id of the app's path at it.
   * No file is read: most reconciles find the same tree as last time and need none.
   */
  public record Resolved(String ref, String commitSha, String pathTreeId) {}

  /** @param force fetch now even if the repository was fetched within the interval */
  public Resolved resolve(AppSettings app, boolean force) throws ReconcileFailure {
    GitCredentials creds = credentials(app);
    try {
      git.fetch(app.repoUrl(), creds, app.interval(), force);
      ResolvedRevision rev = git.resolve(app.repoUrl(), app.revision());
      return new Resolved(rev.ref(), rev.commitSha(), git.treeId(app.repoUrl(), rev.commitSha(), app.path()));
    } catch (SourceException e) {
      throw new ReconcileFailure(FailureReason.SourceFailed, e.getMessage());
    }
  }

  /** The tree id of a directory ("" for the whole repository) at a commit. */
  public String treeId(AppSettings app, String commitSha, String path) throws ReconcileFailure {
    try {
      return git.treeId(app.repoUrl(), commitSha, path);
    } catch (SourceException e) {
      throw new ReconcileFailure(FailureReason.SourceFailed, e.getMessage());
    }
  }

  /** The files under a directory ("" for the whole repository) at a commit. */
  public SourceTree read(AppSettings app, String commitSha, String path) throws ReconcileFailure {
    try {
      return git.read(app.repoUrl(), commitSha, path);
    } catch (SourceException e) {
      throw new ReconcileFailure(FailureReason.SourceFailed, e.getMessage());
    }
  }

  private GitCredentials credentials(AppSettings app) throws ReconcileFailure {
    if (app.secretName() == null || app.secretName().isBlank()) {
      return repositories.forUrl(app.repoUrl(), app.tenancy().project()).map(GitCredentials::fromSecretData)
          .orElse(GitCredentials.NONE);
    }
    Secret secret;
    try {
      secret = client.secrets().inNamespace(app.ref().namespace()).withName(app.secretName()).get();
    } catch (KubernetesClientException e) {
      throw new ReconcileFailure(FailureReason.SourceFailed,
          "reading credentials Secret " + app.secretName() + ": HTTP " + e.getCode(), true);
    }
    if (secret == null) {
      throw new ReconcileFailure(FailureReason.SourceFailed,
          "credentials Secret " + app.ref().namespace() + "/" + app.secretName() + " not found", true);
    }
    return GitCredentials.fromSecretData(SecretData.of(secret));
  }
}
