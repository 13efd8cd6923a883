package dev.keelson.controller.appset;

import dev.keelson.controller.fleet.ClusterSecret;
import dev.keelson.controller.fleet.ClusterSecrets;
import dev.keelson.core.appset.ClusterInfo;
import dev.keelson.core.appset.GeneratorException;
import dev.keelson.core.appset.GeneratorInputs;
import dev.keelson.core.appset.RepoSnapshot;
import dev.keelson.source.GitCredentials;
import dev.keelson.source.GitSourceCache;
import dev.keelson.source.ResolvedRevision;
import dev.keelson.source.SourceException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generators' view of the world for one pass: cluster Secrets in the controller's namespace,
 * and repositories through the shared Git cache. Each repository is fetched once per pass.
 */
final class AppSetInputs implements GeneratorInputs {
  private final KubernetesClient client;
  private final String controllerNamespace;
  private final GitSourceCache git;
  private final java.util.function.Function<String, GitCredentials> credentials;
  private final Duration fetchInterval;
  private final Map<String, RepoSnapshot> repos = new HashMap<>();
  private List<ClusterInfo> clusters;

  /** @param credentials the credentials for a repository URL */
  AppSetInputs(KubernetesClient client, String controllerNamespace, GitSourceCache git,
      java.util.function.Function<String, GitCredentials> credentials, Duration fetchInterval) {
    this.client = client;
    this.controllerNamespace = controllerNamespace;
    this.git = git;
    this.credentials = credentials;
    this.fetchInterval = fetchInterval;
  }

  @Override
  public List<ClusterInfo> clusters() throws GeneratorException {
    if (clusters != null) return clusters;
    List<Secret> secrets;
    try {
      secrets = client.secrets().inNamespace(controllerNamespace).list().getItems();
    } catch (KubernetesClientException e) {
      throw new GeneratorException("listing cluster Secrets in " + controllerNamespace + ": HTTP " + e.getCode());
    }
    List<ClusterInfo> out = new ArrayList<>();
    for (Secret s : secrets) {
      if (!ClusterSecrets.isClusterSecret(s)) continue;
      ClusterSecret c;
      try {
        c = ClusterSecrets.parse(s);
      } catch (IllegalArgumentException e) {
        // an unreadable cluster Secret is the cluster registration's problem, reported there;
        // the generator cannot know its name, so it fails rather than silently dropping it
        throw new GeneratorException(e.getMessage());
      }
      var annotations = s.getMetadata().getAnnotations();
      out.add(new ClusterInfo(c.name(), c.server(), c.labels(), annotations == null ? Map.of() : annotations));
    }
    clusters = out;
    return out;
  }

  /** The commit {@code revision} of the repository resolves to now (fetched at most once per interval). */
  String currentRevision(String repoURL, String revision) throws GeneratorException {
    try {
      git.fetch(repoURL, credentials.apply(repoURL), fetchInterval, false);
      return git.resolve(repoURL, revision).commitSha();
    } catch (SourceException e) {
      throw new GeneratorException(e.getMessage());
    }
  }

  @Override
  public RepoSnapshot repository(String repoURL, String revision) throws GeneratorException {
    String key = repoURL + "@" + revision;
    RepoSnapshot cached = repos.get(key);
    if (cached != null) return cached;
    try {
      git.fetch(repoURL, credentials.apply(repoURL), fetchInterval, false);
      ResolvedRevision rev = git.resolve(repoURL, revision);
      RepoSnapshot snapshot = new RepoSnapshot(rev.commitSha(), git.read(repoURL, rev.commitSha(), "").files());
      repos.put(key, snapshot);
      return snapshot;
    } catch (SourceException e) {
      throw new GeneratorException(e.getMessage());
    }
  }
}
