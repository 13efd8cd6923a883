package dev.keelson.controller.images;

import dev.keelson.api.images.v1alpha1.ImagePolicy;
import dev.keelson.api.images.v1alpha1.ImageUpdateAutomation;
import dev.keelson.controller.receiver.PushTrigger;
import dev.keelson.controller.repos.RepositoryCredentials;
import dev.keelson.source.GitSourceCache;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * Image update automation in the controller: the three reconcilers over one in-memory tag store,
 * a scan nudging its repository's policies, a changed choice nudging its namespace's automations,
 * and a push reconciling the apps that read the pushed branch.
 */
public final class ImageAutomation {
  private final ImageRepositoryReconciler repositories;
  private final ImagePolicyReconciler policies;
  private final ImageUpdateAutomationReconciler automations;

  /**
   * @param pushed what a commit Keelson pushed does to the apps reading it
   * @param events the controller's recorder, so an image update reaches the Alerts
   */
  public ImageAutomation(KubernetesClient client, GitSourceCache git, RepositoryCredentials credentials,
      PushTrigger pushed, ImageAutomationOptions options, dev.keelson.controller.runtime.EventRecorder events,
      Clock clock) {
    TagStore store = new TagStore();
    RegistryAccess registries = new RegistryAccess(client, clock);
    this.automations = new ImageUpdateAutomationReconciler(client, git, credentials,
        pushed, events, clock);
    this.policies = new ImagePolicyReconciler(client, registries, store, clock, (ns, policy) -> {
      for (ImageUpdateAutomation a : client.resources(ImageUpdateAutomation.class).inNamespace(ns).list().getItems()) {
        automations.nudge.trigger(ns, a.getMetadata().getName());
      }
    });
    this.repositories = new ImageRepositoryReconciler(client, registries, store, clock, options.fullScanEvery(),
        (ns, repo) -> {
          // policies of the repository's namespace (a policy elsewhere looks again on its own)
          for (ImagePolicy p : client.resources(ImagePolicy.class).inNamespace(ns).list().getItems()) {
            var ref = p.getSpec() == null ? null : p.getSpec().imageRepositoryRef;
            if (ref == null || !repo.equals(ref.name)) continue;
            String refNs = ref.namespace == null || ref.namespace.isBlank() ? p.getMetadata().getNamespace() : ref.namespace;
            if (refNs.equals(ns)) policies.nudge.trigger(p.getMetadata().getNamespace(), p.getMetadata().getName());
          }
        });
  }

  public ImageRepositoryReconciler repositories() {
    return repositories;
  }

  public ImagePolicyReconciler policies() {
    return policies;
  }

  public ImageUpdateAutomationReconciler automations() {
    return automations;
  }
}
