package dev.keelson.controller.notify;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every feature publishes its events: each is let through once per window (object,
 * revision, reason), matched against the Alerts, and handed to each Provider it goes to once,
 * however many of its Alerts match. Never blocks: delivery is asynchronous.
 *
 * <p>Only the replica that reconciles publishes: the publishers are reconcilers, which JOSDK runs
 * on the leader alone, so several controller replicas send one notification, not one each
 * (Argo Rollouts #2556).
 */
public final class Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  private final NotificationRegistry registry;
  private final DedupWindow dedup;
  private final Deliveries deliveries;
  private final Deliveries.Outcomes outcomes;

  public Notifier(NotificationRegistry registry, DedupWindow dedup, Deliveries deliveries, Deliveries.Outcomes outcomes) {
    this.registry = registry;
    this.dedup = dedup;
    this.deliveries = deliveries;
    this.outcomes = outcomes;
  }

  public void publish(NotifyEvent event) {
    if (registry.alerts().isEmpty()) return;
    if (!dedup.first(event.dedupKey())) {
      LOG.debug("{} {}: already sent within the window", event.source().display(), event.reason());
      outcomes.count("any", "deduplicated");
      return;
    }
    Set<String> sentTo = new HashSet<>();
    for (AlertRule alert : registry.alerts()) {
      if (!alert.matches(event)) continue;
      var provider = registry.provider(alert.namespace(), alert.provider());
      if (provider.isEmpty() || provider.get().suspended() || !sentTo.add(provider.get().id())) continue;
      try {
        Payloads.render(provider.get(), alert.decorate(event))
            .ifPresent(r -> deliveries.submit(provider.get(), event, r));
      } catch (IllegalArgumentException e) {
        LOG.warn("{}: {} of {} not sent: {}", provider.get(), event.reason(), event.source().display(), e.getMessage());
      }
    }
  }
}
