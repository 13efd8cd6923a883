package dev.keelson.server.api;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.auth.Action;
import dev.keelson.auth.Resource;
import dev.keelson.server.http.ApiError;
import dev.keelson.server.http.ErrorCode;
import dev.keelson.server.http.Exchange;
import dev.keelson.server.http.Handler;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A container's log, {@code ?pod=NAME[&container=C][&tailLines=N][&follow=true]}, as plain text;
 * with {@code follow} the answer streams (chunked) until the container stops or the client goes.
 * Only Pods of the app's tree can be read, and only with the {@code logs} permission on the app.
 */
final class LogsHandler implements Handler {
  private static final int MAX_TAIL = 100_000;
  private final AppAccess access;
  private final Destinations destinations;
  private final ResourceTrees trees;

  LogsHandler(AppAccess access, Destinations destinations, ResourceTrees trees) {
    this.access = access;
    this.destinations = destinations;
    this.trees = trees;
  }

  @Override
  public void handle(Exchange ex) throws Exception {
    Application app = access.require(ex, Resource.logs, Action.get);
    String pod = ex.query("pod").orElseThrow(() -> ApiError.badParameter("pod is required"));
    String namespace = ex.query("podNamespace").orElse(app.getMetadata().getNamespace());
    int tail = ex.queryInt("tailLines", 0, MAX_TAIL).orElse(-1);
    boolean follow = ex.queryFlag("follow");
    try (var to = destinations.of(app)) {
      if (!ResourceTrees.pods(trees.tree(app, to.client())).contains(namespace + "/" + pod)) {
        throw ApiError.notFound("pod " + namespace + "/" + pod + " is not part of application "
            + app.getMetadata().getNamespace() + "/" + app.getMetadata().getName());
      }
      PodResource p = to.client().pods().inNamespace(namespace).withName(pod);
      ContainerResource container = ex.query("container").map(c -> (ContainerResource) p.inContainer(c)).orElse(p);
      Loggable logs = tail >= 0 ? container.tailingLines(tail) : container;
      try {
        if (!follow) {
          String text = logs.getLog();
          try (OutputStream out = ex.stream("text/plain; charset=utf-8")) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
          }
          return;
        }
        try (LogWatch watch = logs.watchLog(); InputStream in = watch.getOutput();
             OutputStream out = ex.stream("text/plain; charset=utf-8")) {
          byte[] buf = new byte[8192];
          for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
            out.flush();
          }
        }
      } catch (KubernetesClientException e) {
        throw new ApiError(ErrorCode.upstream_failed, "logs of pod " + namespace + "/" + pod + ": " + e.getMessage());
      }
    }
  }
}
