package dev.keelson.controller.repos;

import dev.keelson.controller.fleet.ClusterSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Repository Secrets of the controller's namespace (labelled {@code keelson.dev/secret-type} or
 * Argo CD's {@code argocd.argoproj.io/secret-type}, {@code repository} or {@code repo-creds}),
 * kept by informers so that a reconcile costs no request.
 */
public final class RepositorySecrets implements RepositoryCredentials, AutoCloseable {
  static final String REPOSITORY = "repository";
  static final String REPO_CREDS = "repo-creds";

  private final Map<String, RepositorySecret> secrets = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<Secret>> informers = new ArrayList<>();

  public RepositorySecrets(KubernetesClient client, String namespace) {
    ResourceEventHandler<Secret> handler = new ResourceEventHandler<>() {
      @Override
      public void onAdd(Secret s) {
        put(s);
      }

      @Override
      public void onUpdate(Secret old, Secret s) {
        put(s);
      }

      @Override
      public void onDelete(Secret s, boolean unknownFinalState) {
        secrets.remove(s.getMetadata().getName());
      }
    };
    for (String label : List.of(ClusterSecrets.TYPE_LABEL, ClusterSecrets.ARGOCD_TYPE_LABEL)) {
      for (String type : List.of(REPOSITORY, REPO_CREDS)) {
        informers.add(client.secrets().inNamespace(namespace).withLabel(label, type).inform(handler));
      }
    }
  }

  /**
   * The Secrets read once, on first use, for a command that runs once (no informers to stop): a
   * command that resolves many apps (`keelson plan`) lists them once, not once per app.
   */
  public static RepositoryCredentials listing(KubernetesClient client, String namespace) {
    return new RepositoryCredentials() {
      private List<RepositorySecret> found;

      @Override
      public synchronized Optional<Map<String, String>> forUrl(String url, String project) {
        if (found == null) {
          List<RepositorySecret> read = new ArrayList<>();
          for (String label : List.of(ClusterSecrets.TYPE_LABEL, ClusterSecrets.ARGOCD_TYPE_LABEL)) {
            for (String type : List.of(REPOSITORY, REPO_CREDS)) {
              client.secrets().inNamespace(namespace).withLabel(label, type).list().getItems()
                  .forEach(s -> parse(s).ifPresent(read::add));
            }
          }
          found = List.copyOf(read);
        }
        return choose(found, url, project);
      }
    };
  }

  @Override
  public Optional<Map<String, String>> forUrl(String repoUrl, String project) {
    return choose(secrets.values(), repoUrl, project);
  }

  static Optional<Map<String, String>> choose(Collection<RepositorySecret> all, String repoUrl, String project) {
    String url = RepositorySecret.normalise(repoUrl);
    Optional<RepositorySecret> exact = all.stream()
        .filter(s -> s.scope() == RepositorySecret.Scope.REPOSITORY && s.serves(url, project))
        .min(Comparator.comparing(RepositorySecret::secretName));
    if (exact.isPresent()) return exact.map(RepositorySecret::data);
    return all.stream().filter(s -> s.scope() == RepositorySecret.Scope.REPO_CREDS && s.serves(url, project))
        .max(Comparator.comparingInt((RepositorySecret s) -> s.url().length())
            .thenComparing(RepositorySecret::secretName, Comparator.reverseOrder()))
        .map(RepositorySecret::data);
  }

  static Optional<RepositorySecret> parse(Secret s) {
    Map<String, String> labels = s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels();
    String type = labels.getOrDefault(ClusterSecrets.TYPE_LABEL, labels.get(ClusterSecrets.ARGOCD_TYPE_LABEL));
    RepositorySecret.Scope scope = REPOSITORY.equals(type) ? RepositorySecret.Scope.REPOSITORY
        : REPO_CREDS.equals(type) ? RepositorySecret.Scope.REPO_CREDS : null;
    Map<String, String> data = SecretData.of(s);
    String url = data.get("url");
    if (scope == null || url == null || url.isBlank()) return Optional.empty();
    String project = data.get("project");
    return Optional.of(new RepositorySecret(s.getMetadata().getName(), scope, RepositorySecret.normalise(url),
        project == null || project.isBlank() ? null : project.strip(), data));
  }

  private void put(Secret s) {
    Optional<RepositorySecret> parsed = parse(s);
    if (parsed.isPresent()) secrets.put(s.getMetadata().getName(), parsed.get());
    else secrets.remove(s.getMetadata().getName());
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
