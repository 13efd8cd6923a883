package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.controller.shard.ShardOptions;
import dev.keelson.core.shard.ShardRing;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several replicas share the Applications: each app is held by exactly the replica the ring
 * assigns it to, a replica that joins takes its share, one that is killed has its share taken
 * within a lease duration, and no app is ever written by two replicas in one handover.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ShardingTest {
  private static final int APPS = 12;
  private static final Duration LEASE = Duration.ofSeconds(6);
  private static final Duration RENEW = Duration.ofSeconds(1);

  /** Every status write seen, per app: the replica it names (null between a release and a claim). */
  static final class Holders implements Watcher<Application> {
    final Map<String, List<String>> writes = new ConcurrentHashMap<>();

    @Override
    public void eventReceived(Action action, Application app) {
      String holder = app.getStatus() == null ? null : app.getStatus().controller;
      writes.computeIfAbsent(app.getMetadata().getName(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(holder);
    }

    @Override
    public void onClose(WatcherException cause) {
    }

    void reset() {
      writes.clear();
    }

    /** The replicas that wrote the app, in order, each run of writes by one replica counted once. */
    List<String> runs(String app) {
      List<String> runs = new ArrayList<>();
      List<String> seen;
      synchronized (writes.getOrDefault(app, List.of())) {
        seen = new ArrayList<>(writes.getOrDefault(app, List.of()));
      }
      for (String h : seen) {
        if (h != null && (runs.isEmpty() || !runs.get(runs.size() - 1).equals(h))) runs.add(h);
      }
      return runs;
    }
  }

  @Test
  @DisplayName("replicas by Leases: each app held as the ring assigns it; join and kill move only what must move, never to two at once")
  void replicasShareTheApps() throws Exception {
    TestCluster cluster = TestCluster.shared();
    try (KubernetesClient admin = cluster.newClient(); GitFixture repo = new GitFixture()) {
      CrdInstaller.install(admin);
      String controllerNs = cluster.createNamespace("shard");
      String ns = cluster.createNamespace("it");
      List<String> names = IntStream.range(0, APPS).mapToObj(i -> "app-%02d".formatted(i)).toList();
      for (String n : names) repo.write(n + "/cm.yaml", Manifests.configMap(n, "v1"));
      String one = repo.commit("one");

      Holders holders = new Holders();
      try (Watch w = admin.resources(Application.class).inNamespace(ns).watch(holders);
          Replica r1 = new Replica(cluster, controllerNs, ns, "r1"); Replica r2 = new Replica(cluster, controllerNs, ns, "r2")) {
        for (String n : names) {
          admin.resource(admin.getKubernetesSerialization().unmarshal(
              Manifests.application(n, ns, repo.url(), n, true, true, false, "2s"), Application.class)).create();
        }
        awaitHeldAsAssigned(admin, ns, names, Set.of("r1", "r2"), Duration.ofSeconds(90));
        awaitSynced(admin, ns, names, one);
        Map<String, String> two = held(admin, ns, names);
        assertThat(Set.copyOf(two.values())).containsExactlyInAnyOrder("r1", "r2");
        assertThat(leaseHolders(admin, controllerNs)).containsExactlyInAnyOrder("r1", "r2");
        assertThat(r1.controller.shards().orElseThrow().members()).containsExactlyInAnyOrder("r1", "r2");

        // a third replica joins: it takes its share; nothing is held by two in the handover
        holders.reset();
        try (Replica r3 = new Replica(cluster, controllerNs, ns, "r3")) {
          long joined = System.nanoTime();
          awaitHeldAsAssigned(admin, ns, names, Set.of("r1", "r2", "r3"), Duration.ofSeconds(60));
          Duration joinTook = Duration.ofNanos(System.nanoTime() - joined);
          Map<String, String> three = held(admin, ns, names);
          assertOneHandoverAtMost(holders, names, two, three);
          long moved = names.stream().filter(n -> !two.get(n).equals(three.get(n))).count();
          long toNew = names.stream().filter(n -> three.get(n).equals("r3")).count();
          assertThat(toNew).isPositive();
          System.out.printf("join: %d of %d apps moved (%d to the new replica) in %d ms%n", moved, APPS, toNew,
              joinTook.toMillis());

          repo.write(names.get(0) + "/cm.yaml", Manifests.configMap(names.get(0), "v2"));
          for (String n : names.subList(1, APPS)) repo.write(n + "/cm.yaml", Manifests.configMap(n, "v2"));
          String second = repo.commit("two");
          awaitSynced(admin, ns, names, second);
          assertThat(names).allSatisfy(n ->
              assertThat(admin.configMaps().inNamespace(ns).withName(n).get().getData()).containsEntry("value", "v2"));

          // r2 dies without leaving: its Lease goes stale, and its apps are taken by the others within a lease duration
          holders.reset();
          Map<String, String> before = held(admin, ns, names);
          long killed = System.nanoTime();
          r2.controller.halt();
          awaitHeldAsAssigned(admin, ns, names, Set.of("r1", "r3"), LEASE.plus(Duration.ofSeconds(30)));
          Duration killTook = Duration.ofNanos(System.nanoTime() - killed);
          Map<String, String> after = held(admin, ns, names);
          assertOneHandoverAtMost(holders, names, before, after);
          assertThat(names).filteredOn(n -> before.get(n).equals("r2")).allSatisfy(n -> assertThat(after.get(n)).isNotEqualTo("r2"));
          System.out.printf("kill: r2's apps taken over %d ms after it stopped (lease %d s)%n", killTook.toMillis(),
              LEASE.toSeconds());
          // stale after one lease duration, seen at the next renew period, taken at the next look
          assertThat(killTook).isLessThan(LEASE.plus(RENEW.multipliedBy(2)).plus(Duration.ofSeconds(3)));
          assertThat(leaseHolders(admin, controllerNs)).contains("r2");

          for (String n : names) repo.write(n + "/cm.yaml", Manifests.configMap(n, "v3"));
          String third = repo.commit("three");
          awaitSynced(admin, ns, names, third);
        }
        // r3 left on purpose: its Lease is gone at once
        assertThat(leaseHolders(admin, controllerNs)).doesNotContain("r3");
        awaitHeldAsAssigned(admin, ns, names, Set.of("r1"), Duration.ofSeconds(30));
      }
    }
  }

  @Test
  @DisplayName("static shards: --shards 2 --shard-id K splits the apps as the ring does, without Leases")
  void staticShards() throws Exception {
    TestCluster cluster = TestCluster.shared();
    try (KubernetesClient admin = cluster.newClient(); GitFixture repo = new GitFixture()) {
      CrdInstaller.install(admin);
      String controllerNs = cluster.createNamespace("shard");
      String ns = cluster.createNamespace("it");
      List<String> names = IntStream.range(0, 6).mapToObj(i -> "static-%d".formatted(i)).toList();
      for (String n : names) repo.write(n + "/cm.yaml", Manifests.configMap(n, "v1"));
      String one = repo.commit("one");
      try (Replica s0 = new Replica(cluster, controllerNs, ns, ShardOptions.fixed(2, 0));
          Replica s1 = new Replica(cluster, controllerNs, ns, ShardOptions.fixed(2, 1))) {
        for (String n : names) {
          admin.resource(admin.getKubernetesSerialization().unmarshal(
              Manifests.application(n, ns, repo.url(), n, true, true, false, "1h"), Application.class)).create();
        }
        awaitHeldAsAssigned(admin, ns, names, Set.of("0", "1"), Duration.ofSeconds(90));
        awaitSynced(admin, ns, names, one);
        assertThat(leaseHolders(admin, controllerNs)).isEmpty();
      }
    }
  }

  @Test
  @DisplayName("a webhook push received by any replica syncs at once the apps every replica holds")
  void pushReachesTheAppsOfEveryReplica() throws Exception {
    TestCluster cluster = TestCluster.shared();
    try (KubernetesClient admin = cluster.newClient(); GitFixture repo = new GitFixture()) {
      CrdInstaller.install(admin);
      String controllerNs = cluster.createNamespace("shard");
      String ns = cluster.createNamespace("it");
      List<String> names = IntStream.range(0, 6).mapToObj(i -> "hooked-%d".formatted(i)).toList();
      for (String n : names) repo.write(n + "/cm.yaml", Manifests.configMap(n, "v1"));
      String one = repo.commit("one");
      try (Replica r1 = new Replica(cluster, controllerNs, ns, "r1"); Replica r2 = new Replica(cluster, controllerNs, ns, "r2")) {
        for (String n : names) {
          // an hour's interval: only the webhook can explain a prompt sync
          admin.resource(admin.getKubernetesSerialization().unmarshal(
              Manifests.application(n, ns, repo.url(), n, true, true, false, "1h")
                  .replace("path: " + n, "path: " + n + "\n    revision: main"), Application.class)).create();
        }
        awaitHeldAsAssigned(admin, ns, names, Set.of("r1", "r2"), Duration.ofSeconds(90));
        awaitSynced(admin, ns, names, one);
        assertThat(Set.copyOf(held(admin, ns, names).values())).containsExactlyInAnyOrder("r1", "r2");

        admin.secrets().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
            .withName("hook-token").endMetadata().addToStringData("token", "t0ken").build()).create();
        admin.resource(admin.getKubernetesSerialization().unmarshal("""
            apiVersion: keelson.dev/v1alpha1
            kind: Receiver
            metadata: {name: push, namespace: %s}
            spec:
              type: generic
              secretRef: {name: hook-token}
              resources: [{kind: Application, name: '*'}]
            """.formatted(ns), dev.keelson.api.v1alpha1.Receiver.class)).create();

        int commit = 2;
        for (Replica receiving : List.of(r1, r2)) {
          for (String n : names) repo.write(n + "/cm.yaml", Manifests.configMap(n, "v" + commit));
          String sha = repo.commit("commit " + commit);
          String value = "v" + commit++;
          // each replica learns of the Receiver from its own informer: until then its answer is 404
          String path = await().atMost(Duration.ofSeconds(30)).until(() -> {
            var r = admin.resources(dev.keelson.api.v1alpha1.Receiver.class).inNamespace(ns).withName("push").get();
            return r.getStatus() == null ? null : r.getStatus().webhookPath;
          }, Objects::nonNull);
          await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
              .until(() -> post(receiving.controller.webhookPort(), path), b -> b.contains("reconciling 6 application(s)"));
          await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String n : names) {
              Application a = admin.resources(Application.class).inNamespace(ns).withName(n).get();
              assertThat(a.getStatus().sync.revision).as(n).isEqualTo(sha);
              assertThat(admin.configMaps().inNamespace(ns).withName(n).get().getData()).as(n).containsEntry("value", value);
            }
          });
        }
      }
    }
  }

  private static String post(int port, String path) throws Exception {
    var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Each app's writes in one handover: by its old holder, then by its new one, never back. */
  private static void assertOneHandoverAtMost(Holders holders, List<String> names, Map<String, String> from,
      Map<String, String> to) {
    for (String n : names) {
      List<String> runs = holders.runs(n);
      List<String> allowed = from.get(n).equals(to.get(n)) ? List.of(from.get(n)) : List.of(from.get(n), to.get(n));
      assertThat(runs).as("replicas writing %s, in order", n).isSubsetOf(allowed);
      assertThat(runs).as("replicas writing %s, in order", n).isEqualTo(allowed.subList(allowed.size() - runs.size(), allowed.size()));
    }
  }

  private static void awaitHeldAsAssigned(KubernetesClient client, String ns, List<String> names, Set<String> members,
      Duration within) {
    Map<String, String> expected = new ShardRing(members, ShardRing.DEFAULT_LOAD_FACTOR)
        .assign(names.stream().map(n -> ns + "/" + n).toList());
    await().atMost(within).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      Map<String, String> held = held(client, ns, names);
      for (String n : names) assertThat(held.get(n)).as("holder of %s", n).isEqualTo(expected.get(ns + "/" + n));
    });
  }

  private static void awaitSynced(KubernetesClient client, String ns, List<String> names, String sha) {
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      for (String n : names) {
        Application a = client.resources(Application.class).inNamespace(ns).withName(n).get();
        assertThat(a.getStatus()).as(n).isNotNull();
        assertThat(a.getStatus().sync).as(n).isNotNull();
        assertThat(a.getStatus().sync.revision).as(n).isEqualTo(sha);
        assertThat(a.getStatus().sync.status).as(n).isEqualTo("Synced");
      }
    });
  }

  private static Map<String, String> held(KubernetesClient client, String ns, List<String> names) {
    Map<String, String> held = new HashMap<>();
    for (Application a : client.resources(Application.class).inNamespace(ns).list().getItems()) {
      if (names.contains(a.getMetadata().getName())) {
        held.put(a.getMetadata().getName(), a.getStatus() == null ? "" : Objects.toString(a.getStatus().controller, ""));
      }
    }
    return held;
  }

  private static Set<String> leaseHolders(KubernetesClient client, String ns) {
    return client.resources(Lease.class).inNamespace(ns).withLabel("keelson.dev/shard", "true").list().getItems()
        .stream().map(l -> l.getSpec().getHolderIdentity()).collect(Collectors.toSet());
  }

  /** One controller process: its own client and Git cache, as a replica in its own pod would have. */
  static final class Replica implements AutoCloseable {
    final KubernetesClient client;
    final KeelsonController controller;

    Replica(TestCluster cluster, String controllerNs, String ns, String id) throws Exception {
      this(cluster, controllerNs, ns, ShardOptions.leases(id).withTiming(LEASE, RENEW));
    }

    /** Watching the test's namespace only: apps other tests left in the shared cluster would count in the shares. */
    Replica(TestCluster cluster, String controllerNs, String ns, ShardOptions shards) throws Exception {
      this.client = cluster.newClient();
      this.controller = KeelsonController.start(client, ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
          .withMetricsPort(0).withNamespaces(Set.of(ns)).withLeaseNamespace(controllerNs).withControllerNamespace(controllerNs).withShards(shards));
    }

    @Override
    public void close() {
      controller.close();
      client.close();
    }
  }
}
