package dev.keelson.server.stream;

import dev.keelson.server.http.Exchange;
import dev.keelson.server.http.Handler;
import dev.keelson.server.http.Json;
import dev.keelson.server.index.AppQuery;
import dev.keelson.server.index.ApplicationIndex;
import dev.keelson.server.view.AppChange;
import dev.keelson.server.view.ApplicationSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * {@code GET /api/v1/stream}: Server-Sent Events of app changes from the index, {@code event:
 * upsert} with the app's new summary and {@code event: delete} with its last, for the apps the
 * subject may see and the query's filters select (namespace, project, cluster, label, search;
 * sync and health are not filters here, since an app leaving a state is news too). The first
 * event, {@code ready}, says the subscription is in place: a client lists after it and misses
 * nothing. A comment every 15 s keeps proxies from closing the connection and finds clients
 * that went away. A client too slow to take its events is disconnected (event {@code
 * overflow} first) and reloads.
 */
public final class AppStream implements Handler {
  private static final int QUEUE = 1024;
  private static final Duration KEEPALIVE = Duration.ofSeconds(15);

  private final ApplicationIndex index;
  private final BiPredicate<Exchange, ApplicationSummary> visible;
  private final Function<Exchange, AppQuery> query;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final java.util.Set<BlockingQueue<AppChange>> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Put in every open queue on close, so that streams end now rather than at their next keepalive. */
  private static final AppChange CLOSING = new AppChange(AppChange.Type.delete, null);

  public AppStream(ApplicationIndex index, BiPredicate<Exchange, ApplicationSummary> visible,
      Function<Exchange, AppQuery> query) {
    this.index = index;
    this.visible = visible;
    this.query = query;
  }

  @Override
  public void handle(Exchange ex) throws Exception {
    AppQuery filter = query.apply(ex);
    AppQuery base = new AppQuery(filter.namespace(), filter.project(), filter.cluster(), java.util.Optional.empty(),
        java.util.Optional.empty(), filter.labels(), filter.search());
    BlockingQueue<AppChange> queue = new ArrayBlockingQueue<>(QUEUE);
    AtomicBoolean overflowed = new AtomicBoolean();
    open.add(queue);
    try (AutoCloseable subscription = index.subscribe(c -> {
      if (!queue.offer(c)) overflowed.set(true);
    }); OutputStream out = ex.stream("text/event-stream")) {
      send(out, "ready", "{}");
      while (!closing.get()) {
        if (overflowed.get()) {
          send(out, "overflow", "{}");
          return;
        }
        AppChange c = queue.poll(KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS);
        if (c == CLOSING) return;
        if (c == null) {
          out.write(": keepalive\n\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          continue;
        }
        // the authoriser is asked at delivery, so a right taken away stops the events at once
        if (!base.matches(c.app()) || !visible.test(ex, c.app())) continue;
        send(out, c.type().name(), new String(Json.write(c.app()), StandardCharsets.UTF_8));
      }
    } finally {
      open.remove(queue);
    }
  }

  private static void send(OutputStream out, String event, String data) throws IOException {
    out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Ends every open stream, for a server shutting down. */
  public void close() {
    closing.set(true);
    open.forEach(q -> q.offer(CLOSING));
  }
}
