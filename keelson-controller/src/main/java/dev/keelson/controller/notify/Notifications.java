package dev.keelson.controller.notify;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** A controller's notifications: the Provider and Alert reconcilers, the publisher and the deliveries behind it. */
public final class Notifications implements AutoCloseable {
  private final ProviderReconciler providers;
  private final AlertReconciler alerts;
  private final Notifier notifier;
  private final Deliveries deliveries;

  /** @param outcomes counts what becomes of notifications (metrics) */
  public Notifications(KubernetesClient client, Clock clock, Deliveries.Outcomes outcomes) {
    NotificationRegistry registry = new NotificationRegistry();
    this.providers = new ProviderReconciler(client, registry, clock);
    this.alerts = new AlertReconciler(client, registry, clock);
    this.deliveries = new Deliveries(Backoff.DEFAULT, clock, outcomes);
    this.notifier = new Notifier(registry, new DedupWindow(clock, DedupWindow.DEFAULT_WINDOW), deliveries, outcomes);
  }

  public ProviderReconciler providerReconciler() {
    return providers;
  }

  public AlertReconciler alertReconciler() {
    return alerts;
  }

  public Notifier notifier() {
    return notifier;
  }

  public Deliveries deliveries() {
    return deliveries;
  }

  @Override
  public void close() {
    deliveries.close();
  }
}
