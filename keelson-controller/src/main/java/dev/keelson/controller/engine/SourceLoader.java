package dev.keelson.controller.engine;

import dev.keelson.controller.app.AppSettings;
import dev.keelson.source.GitCredentials;
import dev.keelson.source.GitSourceCache;
import dev.keelson.source.ResolvedRevision;
import dev.keelson.source.SourceException;
import dev.keelson.source.SourceTree;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Step 1 of the flow: the app's files at the resolved commit, from the shared Git cache. */
public final class SourceLoader {
  private final GitSourceCache git;
  private final KubernetesClient client;

  public SourceLoader(GitSourceCache git, KubernetesClient client) {
    this.git = git;
    this.client = client;
  }

  /** The files under the app's path at the resolved commit, and the ref it resolved through. */
  public record Loaded(String ref, SourceTree tree) {}

  /** The whole repository at a commit (Kustomize overlays may use bases anywhere in it). */
  public SourceTree repository(AppSettings app, String commitSha) throws ReconcileFailure {
    try {
      return git.read(app.repoUrl(), commitSha, "");
    } catch (SourceException e) {
      throw new ReconcileFailure(FailureReason.SourceFailed, e.getMessage());
    }
  }

  /** @param force fetch now even if the repository was fetched within the interval */
  public Loaded load(AppSettings app, boolean force) throws ReconcileFailure {
    GitCredentials creds = credentials(app);
    try {
      git.fetch(app.repoUrl(), creds, app.interval(), force);
      ResolvedRevision rev = git.resolve(app.repoUrl(), app.revision());
      return new Loaded(rev.ref(), git.read(app.repoUrl(), rev.commitSha(), app.path()));
    } catch (SourceException e) {
      throw new ReconcileFailure(FailureReason.SourceFailed, e.getMessage());
    }
  }

  private GitCredentials credentials(AppSettings app) throws ReconcileFailure {
    if (app.secretName() == null || app.secretName().isBlank()) {
      return GitCredentials.fromSecretData(Map.of());
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
    Map<String, String> data = new HashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) ->
          data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) data.putAll(secret.getStringData());
    return GitCredentials.fromSecretData(data);
  }
}
