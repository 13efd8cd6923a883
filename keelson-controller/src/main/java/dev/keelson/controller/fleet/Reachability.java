package dev.keelson.controller.fleet;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a remote cluster answers, from a probe ({@code GET /version}) run in the background. An
 * app whose cluster does not answer fails at once with that reason instead of waiting on timeouts,
 * so a dead cluster costs the other clusters' apps nothing.
 */
final class Reachability {

  /** @param since when it was last seen answering, or when the outage began */
  record State(boolean reachable, String cause, Instant since) {}

  private final KubernetesClient client;
  private final Clock clock;
  private volatile State state;

  Reachability(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.state = new State(true, null, clock.instant());
  }

  State state() {
    return state;
  }

  void probe() {
    try {
      client.getKubernetesVersion();
      if (!state.reachable()) state = new State(true, null, clock.instant());
    } catch (RuntimeException e) {
      String cause = Causes.rootMessage(e);
      state = state.reachable() ? new State(false, cause, clock.instant()) : new State(false, cause, state.since());
    }
  }

  static Duration interval() {
    return Duration.ofSeconds(3);
  }

}
