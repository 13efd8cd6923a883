package dev.keelson.controller.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to Providers over HTTP/1.1 with the JDK client. Each Provider has one lane: its
 * requests leave one after the other in the order published (a commit goes pending before it goes
 * green, never the other way round), within its rate limit, each retried with backoff on a network
 * error, 408, 429 or 5xx, and given up on other answers. Logs name the Provider and the event,
 * never its address or headers (both may hold secrets).
 */
public final class Deliveries implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
  static final int MAX_QUEUED = 1000;

  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private final Clock clock;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Outcomes outcomes;
  private volatile boolean closed;

  /** Told what became of each attempt: Provider type ({@code generic-hmac}) and result. */
  public interface Outcomes {
    void count(String type, String result);
  }

  public Deliveries(Backoff backoff, Clock clock, Outcomes outcomes) {
    this.backoff = backoff;
    this.clock = clock;
    this.outcomes = outcomes;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "keelson-notify");
      t.setDaemon(true);
      return t;
    });
    // HTTP/1.1: webhooks are small POSTs; h2c upgrades are refused or mishandled by many receivers
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  private record Item(ProviderConfig provider, NotifyEvent event, OutgoingRequest request) {}

  /** One Provider's queue; {@code busy} while its head is being sent or waits for a retry. */
  private final class Lane {
    final TokenBucket limit = new TokenBucket(clock);
    final Deque<Item> queue = new ArrayDeque<>();
    boolean busy;
  }

  void submit(ProviderConfig p, NotifyEvent e, OutgoingRequest r) {
    if (closed) return;
    Lane lane = lanes.computeIfAbsent(p.id(), id -> new Lane());
    synchronized (lane) {
      if (lane.queue.size() >= MAX_QUEUED) {
        failed.incrementAndGet();
        outcomes.count(p.type().specName(), "failed");
        LOG.warn("{}: {} of {} dropped: {} notifications already waiting", p, e.reason(), e.source().display(),
            MAX_QUEUED);
        return;
      }
      lane.queue.addLast(new Item(p, e, r));
      if (lane.busy) return;
      lane.busy = true;
    }
    next(lane, 0);
  }

  /** Events delivered (a 2xx) and given up, since start. */
  public long delivered() {
    return delivered.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Sends the lane's head (attempt {@code n}) once the rate limit lets it. */
  private void next(Lane lane, int n) {
    Duration wait = lane.limit.reserve();
    schedule(() -> send(lane, n), wait);
  }

  private void send(Lane lane, int n) {
    Item item;
    synchronized (lane) {
      item = lane.queue.peekFirst();
    }
    if (item == null || closed) return;
    HttpRequest.Builder b = HttpRequest.newBuilder(item.request().uri()).timeout(item.provider().timeout())
        .POST(HttpRequest.BodyPublishers.ofByteArray(item.request().body()));
    item.request().headers().forEach(b::setHeader);
    http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
      if (err == null && resp.statusCode() / 100 == 2) {
        delivered.incrementAndGet();
        outcomes.count(item.provider().type().specName(), "delivered");
        done(lane);
        return;
      }
      boolean retryable = err != null || resp.statusCode() == 408 || resp.statusCode() == 429 || resp.statusCode() >= 500;
      String why = err != null ? cause(err) : "HTTP " + resp.statusCode();
      if (retryable && backoff.allows(n + 1)) {
        LOG.debug("{}: {} of {} failed ({}), retrying", item.provider(), item.event().reason(),
            item.event().source().display(), why);
        outcomes.count(item.provider().type().specName(), "retried");
        schedule(() -> next(lane, n + 1), backoff.before(n + 1));
        return;
      }
      failed.incrementAndGet();
      outcomes.count(item.provider().type().specName(), "failed");
      LOG.warn("{}: {} of {} not delivered after {} attempt(s): {}", item.provider(), item.event().reason(),
          item.event().source().display(), n + 1, why);
      done(lane);
    });
  }

  /** The head is delivered or given up: on to the next, or the lane goes idle. */
  private void done(Lane lane) {
    synchronized (lane) {
      lane.queue.pollFirst();
      if (lane.queue.isEmpty()) {
        lane.busy = false;
        return;
      }
    }
    next(lane, 0);
  }

  private void schedule(Runnable r, Duration after) {
    if (closed) return;
    try {
      scheduler.schedule(r, after.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // the controller is stopping: what is not sent now is not sent
    }
  }

  /** The kind of failure, without its text (an exception's message may carry the address). */
  private static String cause(Throwable err) {
    Throwable t = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
    if (t instanceof java.net.http.HttpTimeoutException) return "timed out";
    if (t instanceof java.net.ConnectException) return "connection refused";
    if (t instanceof IOException) return "I/O error (" + t.getClass().getSimpleName() + ")";
    return t.getClass().getSimpleName();
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
  }
}
