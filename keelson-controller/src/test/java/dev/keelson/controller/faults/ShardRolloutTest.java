package dev.keelson.controller.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.it.GitFixture;
import dev.keelson.controller.it.Manifests;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rollout of sharded replicas gone wrong: each old replica is killed with SIGKILL (it never
 * lets go of its apps nor of its Lease) and replaced by a new one under a new name, one after
 * the other, while new commits keep coming. No app is written by two replicas at once, and every
 * app converges on the last commit.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShardRolloutTest {
  static final int APPS = 8;
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  @DisplayName("sharded replicas killed with SIGKILL and replaced one after another while commits come: every app converges, none is held by two at once")
  void rollingKill() throws Exception {
    TestCluster cluster = TestCluster.shared();
    List<ControllerProcess> replicas = new ArrayList<>();
    try (KubernetesClient client = cluster.newClient(); GitFixture repo = new GitFixture()) {
      CrdInstaller.install(client);
      String controllerNs = cluster.createNamespace("shardfault");
      String ns = cluster.createNamespace("shardapps");
      List<String> names = IntStream.range(0, APPS).mapToObj(i -> "app-%d".formatted(i)).toList();
      String sha = commit(repo, names, "v0");
      Holders holders = new Holders();
      try (Watch w = client.resources(Application.class).inNamespace(ns).watch(holders)) {
        replicas.add(ControllerProcess.startSharded(cluster.kubeconfigPath(), ns, controllerNs, "old-a"));
        replicas.add(ControllerProcess.startSharded(cluster.kubeconfigPath(), ns, controllerNs, "old-b"));
        for (String n : names) {
          client.resource(client.getKubernetesSerialization().unmarshal(
              Manifests.application(n, ns, repo.url(), n, true, true, false, "2s"), Application.class)).create();
        }
        try {
          awaitSynced(client, ns, names, sha);
        } catch (AssertionError e) {
          for (ControllerProcess r : replicas) System.out.println("---- replica log\n" + r.logText());
          throw e;
        }
        Map<String, ConfigMap> first = configMaps(client, ns, names);

        List<String> steps = new ArrayList<>();
        String[] next = {"new-a", "new-b"};
        for (int i = 0; i < 2; i++) {
          ControllerProcess old = replicas.get(i);
          long t0 = System.nanoTime();
          holders.killing(i == 0 ? "old-a" : "old-b");
          old.kill();
          sha = commit(repo, names, "v" + (i + 1));
          replicas.add(ControllerProcess.startSharded(cluster.kubeconfigPath(), ns, controllerNs, next[i]));
          awaitSynced(client, ns, names, sha);
          steps.add("replica " + (i + 1) + " killed to every app synced at the new commit: " + Apps.millisSince(t0) + " ms");
        }

        for (String n : names) {
          List<String> runs = holders.runs(n);
          assertThat(holders.overlaps(n)).as("%s taken from a live replica that had not let it go; writers in order: %s", n, runs)
              .isEmpty();
          assertThat(runs).as("killed replicas write no more").last().isIn("new-a", "new-b");
        }
        Map<String, ConfigMap> last = configMaps(client, ns, names);
        for (String n : names) {
          assertThat(last.get(n).getMetadata().getUid()).as(n + " never pruned and created again")
              .isEqualTo(first.get(n).getMetadata().getUid());
          assertThat(last.get(n).getData()).containsEntry("value", "v2");
          Application a = client.resources(Application.class).inNamespace(ns).withName(n).get();
          assertThat(a.getStatus().history).filteredOn(h -> h.isOperation()).extracting(h -> h.revision)
              .as(n + ": one entry per commit").doesNotHaveDuplicates();
        }
        System.out.println("fault shard-rollout: " + steps);
      }
    } finally {
      for (ControllerProcess r : replicas) r.close();
    }
  }

  static String commit(GitFixture repo, List<String> names, String value) throws Exception {
    for (String n : names) repo.write(n + "/cm.yaml", Manifests.configMap(n, value));
    return repo.commit(value);
  }

  static Map<String, ConfigMap> configMaps(KubernetesClient client, String ns, List<String> names) {
    Map<String, ConfigMap> out = new HashMap<>();
    for (String n : names) out.put(n, client.configMaps().inNamespace(ns).withName(n).get());
    return out;
  }

  static void awaitSynced(KubernetesClient client, String ns, List<String> names, String sha) {
    Apps apps = new Apps(client, ns);
    for (String n : names) apps.await(n, a -> Apps.syncedAt(a, sha), TIMEOUT);
  }

  /** Every write of an app seen: the replica its status names (null once let go), and when. */
  static final class Holders implements Watcher<Application> {
    record Write(String holder, long at) {}

    final Map<String, List<Write>> writes = new ConcurrentHashMap<>();
    final Map<String, Long> killedAt = new ConcurrentHashMap<>();

    @Override
    public void eventReceived(Action action, Application app) {
      String holder = app.getStatus() == null ? null : app.getStatus().controller;
      writes.computeIfAbsent(app.getMetadata().getName(), k -> Collections.synchronizedList(new ArrayList<>()))
          .add(new Write(holder, System.nanoTime()));
    }

    @Override
    public void onClose(WatcherException cause) {
    }

    /** Before the kill itself: a write the victim made just before dying still counts as its own. */
    void killing(String replica) {
      killedAt.put(replica, System.nanoTime());
    }

    /**
     * The handovers of an app that broke the rule: a replica wrote an app another one held,
     * while that one neither had let it go (a write naming no holder) nor was dead.
     */
    List<String> overlaps(String app) {
      List<Write> seen;
      List<Write> all = writes.getOrDefault(app, List.of());
      synchronized (all) {
        seen = new ArrayList<>(all);
      }
      List<String> bad = new ArrayList<>();
      String holder = null;
      for (Write w : seen) {
        if (w.holder() == null) {
          holder = null;
          continue;
        }
        if (holder != null && !holder.equals(w.holder())) {
          Long dead = killedAt.get(holder);
          if (dead == null || dead > w.at()) bad.add(holder + " -> " + w.holder());
        }
        holder = w.holder();
      }
      return bad;
    }

    /** The replicas that wrote the app, in order, each run of writes by one counted once. */
    List<String> runs(String app) {
      List<Write> all = writes.getOrDefault(app, List.of());
      List<String> runs = new ArrayList<>();
      synchronized (all) {
        for (Write w : all) {
          if (w.holder() != null && (runs.isEmpty() || !Objects.equals(runs.get(runs.size() - 1), w.holder()))) {
            runs.add(w.holder());
          }
        }
      }
      return runs;
    }
  }
}
