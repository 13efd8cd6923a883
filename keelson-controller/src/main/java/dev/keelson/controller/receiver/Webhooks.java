package dev.keelson.controller.receiver;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Clock;

/** The webhook receivers of a controller: the Receiver reconciler and the HTTP server behind it. */
public final class Webhooks implements AutoCloseable {
  private final ReceiverReconciler reconciler;
  private final WebhookServer server;

  /**
   * @param port the HTTP port (0 picks a free one)
   * @param push what a verified push does to the apps it concerns
   */
  public Webhooks(KubernetesClient client, PushTrigger push, int port, Clock clock) throws IOException {
    Receivers receivers = new Receivers(clock);
    this.reconciler = new ReceiverReconciler(client, receivers, clock);
    this.server = new WebhookServer(port, receivers, push);
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
