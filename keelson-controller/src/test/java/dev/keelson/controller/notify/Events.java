package dev.keelson.controller.notify;

import java.time.Instant;
import java.util.Map;

/** Events as the tests need them. */
final class Events {
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

  private Events() {}

  static NotifyEvent.Source app(String ns, String name, Map<String, String> labels) {
    return new NotifyEvent.Source("keelson.dev/v1alpha1", "Application", ns, name, "uid-1", labels);
  }

  static NotifyEvent event(String ns, String name, NotifyEvent.Severity severity, String reason, String message) {
    return new NotifyEvent(app(ns, name, Map.of("team", "shop")), severity, reason, message, SHA, null, Map.of(), AT);
  }

  static NotifyEvent synced(NotifyEvent.CommitState state, String repoURL) {
    return new NotifyEvent(app("shop", "web", Map.of()), state == NotifyEvent.CommitState.failure
        ? NotifyEvent.Severity.error : NotifyEvent.Severity.info, "Synced", "revision " + SHA + ": 1 applied", SHA,
        new NotifyEvent.Commit(repoURL, SHA, state), Map.of(), AT);
  }
}
