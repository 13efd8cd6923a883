package dev.keelson.controller.receiver;

import dev.keelson.core.tracking.AppRef;
import dev.keelson.source.GitSourceCache;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;

/** The webhook receivers of a controller: the Receiver reconciler and the HTTP server behind it. */
public final class Webhooks implements AutoCloseable {
  private final ReceiverReconciler reconciler;
  private final WebhookServer server;

  /**
   * @param port the HTTP port (0 picks a free one)
   * @param reconcile reconciles an app now
   */
  public Webhooks(KubernetesClient client, GitSourceCache git, Consumer<AppRef> reconcile, int port, Clock clock)
      throws IOException {
    Receivers receivers = new Receivers(clock);
    this.reconciler = new ReceiverReconciler(client, receivers, clock);
    this.server = new WebhookServer(port, receivers, new PushTrigger(client, git, reconcile));
  }

  public ReceiverReconciler reconciler() {
    return reconciler;
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
