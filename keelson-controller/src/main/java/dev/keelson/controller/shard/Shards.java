package dev.keelson.controller.shard;

import dev.keelson.core.shard.ShardRing;
import dev.keelson.core.shard.ShardVerdict;
import dev.keelson.core.tracking.AppRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Applications this replica reconciles: the live replicas (from their Leases, or a fixed
 * count), the apps assigned to each by {@link ShardRing}, and the apps this replica holds.
 *
 * <p>Holding is written in the app's {@code status.controller}; a replica takes an app only by a
 * write conditional on the status it read ({@link ShardVerdict} says when), so two replicas never
 * both hold one app. When the replicas change, every app is looked at again: each replica lets go
 * of what is no longer its own, and the new owner takes it once it has been let go, or once its
 * holder's Lease has gone stale.
 */
public final class Shards implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Shards.class);

  private final ShardOptions options;
  /** Null in static mode. */
  private final ShardLeases leases;
  private final Clock clock;
  private final Set<AppRef> held = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;
  private volatile Set<String> members;
  private volatile Map<String, String> assignment = Map.of();
  private volatile Supplier<Collection<AppRef>> apps = List::of;
  private volatile Consumer<AppRef> lookAgain = a -> { };

  private Shards(ShardOptions options, ShardLeases leases, Clock clock) {
    this.options = options;
    this.leases = leases;
    this.clock = clock;
    if (leases == null) {
      this.members = IntStream.range(0, options.count()).mapToObj(Integer::toString).collect(Collectors.toUnmodifiableSet());
      this.timer = null;
    } else {
      this.members = Set.of();
      this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keelson-shard-leases");
        t.setDaemon(true);
        return t;
      });
    }
  }

  /**
   * Starts taking part: with Leases, this replica's is written (and the others' read) before
   * this returns, so the first reconciles already know who is alive.
   */
  public static Shards start(KubernetesClient client, String namespace, ShardOptions options, MeterRegistry registry,
      Clock clock) {
    Shards s = new Shards(options,
        options.mode() == ShardOptions.Mode.LEASES ? new ShardLeases(client, namespace, options, clock) : null, clock);
    if (s.timer != null) {
      s.tick();
      long period = options.renewPeriod().toMillis();
      s.timer.scheduleWithFixedDelay(s::tick, period, period, TimeUnit.MILLISECONDS);
    }
    Gauge.builder("keelson_shard_apps", s.held, Set::size).description("Applications this replica holds")
        .tag("replica", options.id()).register(registry);
    Gauge.builder("keelson_shard_replicas", s, x -> x.members.size()).description("Live controller replicas")
        .tag("replica", options.id()).register(registry);
    return s;
  }

  /** This replica's id, written as status.controller of the apps it holds. */
  public String self() {
    return options.id();
  }

  /**
   * Where the apps come from (the reconciler's cache), and how an app is made to be looked at
   * again (a reconcile), for when the replicas change.
   */
  public void attach(Supplier<Collection<AppRef>> apps, Consumer<AppRef> lookAgain) {
    this.apps = apps;
    this.lookAgain = lookAgain;
  }

  /** What to do with {@code app}, whose status names {@code holder}. */
  public ShardVerdict verdict(AppRef app, String holder) {
    if (!acting()) return ShardVerdict.IGNORE;
    String assigned = owner(app);
    String h = held.contains(app) ? self() : holder;
    ShardVerdict v = ShardVerdict.of(self(), assigned, h, h != null && members.contains(h));
    // the status in the cache names this replica, but this replica did not take it (a restart):
    // confirm it against the server before acting on it
    if (v == ShardVerdict.RECONCILE && !held.contains(app)) return ShardVerdict.CLAIM;
    return v;
  }

  /** Whether this replica may act at all: in Lease mode, only while its own Lease is current. */
  public boolean acting() {
    return leases == null || leases.holding(clock.instant());
  }

  public void held(AppRef app) {
    held.add(app);
  }

  public void released(AppRef app) {
    held.remove(app);
  }

  public boolean holds(AppRef app) {
    return held.contains(app);
  }

  /** The live replicas, as this one sees them. */
  public Set<String> members() {
    return members;
  }

  private String owner(AppRef app) {
    String key = key(app);
    String owner = assignment.get(key);
    if (owner == null) {
      // a new app: place every app again, so the bound counts it
      reassign();
      owner = assignment.get(key);
    }
    return owner;
  }

  /**
   * Places every app again over the live replicas; the apps whose owner changed are looked at
   * again at once, by the replica that lets go and by the one that takes over.
   */
  private synchronized void reassign() {
    Map<String, AppRef> byKey = new java.util.HashMap<>();
    for (AppRef a : apps.get()) byKey.put(key(a), a);
    Map<String, String> before = assignment;
    Map<String, String> after = new ShardRing(members, ShardRing.DEFAULT_LOAD_FACTOR).assign(byKey.keySet());
    assignment = after;
    byKey.forEach((k, a) -> {
      String was = before.get(k);
      if (was != null && !was.equals(after.get(k))) lookAgain.accept(a);
    });
  }

  private void tick() {
    try {
      Set<String> now = leases.tick();
      if (!now.equals(members)) {
        LOG.info("replicas now {} (were {})", now, members);
        members = Set.copyOf(now);
      }
      // also when only the apps changed: the bound is kept over what exists now
      reassign();
    } catch (RuntimeException e) {
      LOG.warn("shard tick failed: {}", e.toString());
    }
  }

  private static String key(AppRef app) {
    return app.namespace() + "/" + app.name();
  }

  /** Leaves on purpose: the Lease is deleted, so the others take this replica's apps at once. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      if (!halted) leases.release();
    }
  }

  private volatile boolean halted;

  /** Stops renewing without leaving, as a replica that dies does: its Lease goes stale. */
  public void halt() {
    halted = true;
    if (timer != null) timer.shutdownNow();
  }
}
