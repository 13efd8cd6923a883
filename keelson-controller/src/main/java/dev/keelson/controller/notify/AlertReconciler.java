package dev.keelson.controller.notify;

import dev.keelson.api.v1alpha1.Alert;
import dev.keelson.api.v1alpha1.Provider;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;

/**
 * Reads each Alert into an {@link AlertRule} (its expressions compiled once) and says in `Ready`
 * why one cannot work: a bad field, or a Provider that does not exist or is not ready.
 */
@ControllerConfiguration(name = "alert", generationAwareEventProcessing = false, triggerReconcilerOnAllEvents = true)
public final class AlertReconciler implements Reconciler<Alert> {
  static final Duration RECHECK = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final NotificationRegistry registry;
  private final Clock clock;

  public AlertReconciler(KubernetesClient client, NotificationRegistry registry, Clock clock) {
    this.client = client;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public UpdateControl<Alert> reconcile(Alert a, Context<Alert> context) {
    String ns = a.getMetadata().getNamespace();
    String name = a.getMetadata().getName();
    if (context.isPrimaryResourceDeleted() || a.isMarkedForDeletion()) {
      registry.removeAlert(ns, name);
      return UpdateControl.noUpdate();
    }
    try {
      AlertRule rule = AlertRule.of(ns, name, a.getSpec());
      // kept even while its Provider is missing: events flow as soon as the Provider is ready
      registry.putAlert(rule);
      if (registry.hasProvider(ns, rule.provider())) {
        ReadyCondition.write(client, Alert.class, a, true, "Succeeded", rule.suspended() ? "suspended" : "Alert ready",
            clock);
      } else {
        boolean exists = client.resources(Provider.class).inNamespace(ns).withName(rule.provider()).get() != null;
        ReadyCondition.write(client, Alert.class, a, false, exists ? "ProviderNotReady" : "ProviderNotFound",
            "spec.providerRef: Provider " + ns + "/" + rule.provider() + (exists ? " is not ready" : " not found"), clock);
      }
    } catch (IllegalArgumentException e) {
      registry.removeAlert(ns, name);
      ReadyCondition.write(client, Alert.class, a, false, "InvalidSpec", e.getMessage(), clock);
    }
    return UpdateControl.<Alert>noUpdate().rescheduleAfter(RECHECK);
  }
}
