package dev.keelson.controller.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.it.GitFixture;
import dev.keelson.controller.it.Orchestrated;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.localcluster.NodeSimulator;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The controller killed with SIGKILL at the worst moments: while a hook runs, while a prune is
 * under way, and right at its status writes. Each time a fresh controller process takes over,
 * and the sync must end as if nothing had happened: every object written once, no hook run
 * twice, nothing pruned that should stay, one history entry per operation.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ControllerKillTest {
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  static TestCluster cluster;
  static KubernetesClient client;

  final List<ControllerProcess> controllers = new ArrayList<>();
  final List<AutoCloseable> closing = new ArrayList<>();
  String ns;
  GitFixture repo;
  Apps apps;

  @BeforeAll
  static void cluster() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    CrdInstaller.install(client);
  }

  @AfterAll
  static void closeClient() {
    if (client != null) client.close();
  }

  @BeforeEach
  void namespaceAndRepo() throws Exception {
    ns = cluster.createNamespace("kill");
    repo = new GitFixture();
    apps = new Apps(client, ns);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (ControllerProcess c : controllers) c.close();
    for (AutoCloseable c : closing) c.close();
    if (repo != null) repo.close();
  }

  ControllerProcess startController() throws Exception {
    ControllerProcess c = ControllerProcess.start(cluster.kubeconfigPath(), ns);
    controllers.add(c);
    return c;
  }

  @Test
  @DisplayName("SIGKILL while a PreSync hook runs: the next controller waits for that same hook instance, then applies every wave once")
  void killedDuringHook() throws Exception {
    repo.write("pre.yaml", heldJob("migrate", "keelson.dev/hook: PreSync"))
        .write("first.yaml", Orchestrated.configMap("first", "x", "keelson.dev/sync-wave: \"0\""))
        .write("last.yaml", Orchestrated.configMap("last", "x", "keelson.dev/sync-wave: \"1\""));
    String sha = repo.commit("a hook and two waves");
    Writes writes = watchWrites();

    ControllerProcess first = startController();
    apps.create(Orchestrated.app("hooked", ns, repo.url(), "", ""));
    Apps.until("the hook Job to be created", TIMEOUT, () -> job("migrate") != null);
    first.kill();
    long killedAt = System.nanoTime();
    String hookUid = job("migrate").getMetadata().getUid();
    assertThat(client.configMaps().inNamespace(ns).withName("first").get()).as("no wave before the hook").isNull();

    ControllerProcess second = startController();
    // the hook's pod is let go only now, so it completes under the new controller
    Apps.until("the hook's pod to run", TIMEOUT, () -> !hookPods("migrate").isEmpty());
    for (Pod pod : hookPods("migrate")) {
      RetryOnConflict.edit(client.pods().inNamespace(ns).withName(pod.getMetadata().getName()), p -> {
        p.getMetadata().getAnnotations().remove(NodeSimulator.SIMULATE_HOLD);
        return p;
      });
    }
    Application app = apps.await("hooked", a -> Apps.succeededAt(a, sha), TIMEOUT);
    long recovered = Apps.millisSince(killedAt);

    assertThat(job("migrate").getMetadata().getUid()).as("the hook instance the killed controller started").isEqualTo(hookUid);
    assertThat(writes.of("Job", "migrate")).as("the hook was created once").isEqualTo(1);
    assertThat(writes.of("ConfigMap", "first")).as("wave 0 written once").isEqualTo(1);
    assertThat(writes.of("ConfigMap", "last")).as("wave 1 written once").isEqualTo(1);
    assertThat(Apps.op(app).results).extracting(r -> r.kind + "/" + r.name)
        .contains("Job/migrate", "ConfigMap/first", "ConfigMap/last");
    assertThat(Apps.syncsOf(app, sha)).singleElement().satisfies(h -> assertThat(h.result).isEqualTo("Succeeded"));
    System.out.printf("fault hook-kill: controller restart %d ms, killed to Succeeded %d ms%n",
        second.startedIn(), recovered);
  }

  @Test
  @DisplayName("SIGKILL while a prune is under way: the next controller finishes the prune and keeps what is still in Git")
  void killedDuringPrune() throws Exception {
    repo.write("keep.yaml", Orchestrated.configMap("keep", "x", ""))
        .write("gone-a.yaml", Orchestrated.configMap("gone-a", "x", ""))
        .write("gone-b.yaml", Orchestrated.configMap("gone-b", "x", ""));
    String sha1 = repo.commit("three objects");
    ControllerProcess first = startController();
    apps.create(Orchestrated.app("pruned", ns, repo.url(), "", ""));
    apps.await("pruned", a -> Apps.succeededAt(a, sha1) && Apps.healthy(a), TIMEOUT);
    // a finalizer holds gone-a in deletion, so the kill lands while the prune is visibly under way
    RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("gone-a"), cm -> {
      cm.getMetadata().setFinalizers(List.of(HOLD_FINALIZER));
      return cm;
    });
    ConfigMap keep = client.configMaps().inNamespace(ns).withName("keep").get();

    repo.delete("gone-a.yaml").delete("gone-b.yaml");
    String sha2 = repo.commit("two objects gone");
    Apps.until("the prune of gone-a to begin", TIMEOUT,
        () -> client.configMaps().inNamespace(ns).withName("gone-a").get().getMetadata().getDeletionTimestamp() != null);
    first.kill();
    long killedAt = System.nanoTime();
    RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("gone-a"), cm -> {
      cm.getMetadata().setFinalizers(List.of());
      return cm;
    });

    ControllerProcess second = startController();
    Application app = apps.await("pruned", a -> Apps.succeededAt(a, sha2) && Apps.healthy(a), TIMEOUT);
    long recovered = Apps.millisSince(killedAt);

    assertThat(client.configMaps().inNamespace(ns).withName("gone-a").get()).isNull();
    assertThat(client.configMaps().inNamespace(ns).withName("gone-b").get()).isNull();
    ConfigMap kept = client.configMaps().inNamespace(ns).withName("keep").get();
    assertThat(kept).as("still in Git: not pruned").isNotNull();
    assertThat(kept.getMetadata().getUid()).isEqualTo(keep.getMetadata().getUid());
    assertThat(kept.getMetadata().getResourceVersion()).as("not written again").isEqualTo(keep.getMetadata().getResourceVersion());
    assertThat(app.getStatus().inventory.entries).extracting(e -> e.id).noneMatch(id -> id.contains("gone-"));
    assertThat(Apps.syncsOf(app, sha1)).singleElement().satisfies(h -> assertThat(h.result).isEqualTo("Succeeded"));
    assertThat(Apps.syncsOf(app, sha2)).singleElement().satisfies(h -> assertThat(h.result).isEqualTo("Succeeded"));
    System.out.printf("fault prune-kill: controller restart %d ms, killed to Succeeded %d ms%n",
        second.startedIn(), recovered);
  }

  @Test
  @DisplayName("SIGKILL at each write of an Application (up to three) while its sync runs: the next controller ends the sync, every wave and hook written once")
  void killedAtStatusWrites() throws Exception {
    repo.write("w0.yaml", Orchestrated.configMap("w0", "x", "keelson.dev/sync-wave: \"0\""))
        .write("w1.yaml", Orchestrated.configMap("w1", "x", "keelson.dev/sync-wave: \"1\""))
        .write("w2.yaml", Orchestrated.configMap("w2", "x", "keelson.dev/sync-wave: \"2\""))
        .write("post.yaml", Orchestrated.job("post", "keelson.dev/hook: PostSync", 0));
    String sha = repo.commit("three waves and a PostSync hook");
    Writes writes = watchWrites();
    apps.create(Orchestrated.app("written", ns, repo.url(), "", ""));
    String seen = apps.get("written").getMetadata().getResourceVersion();
    long t0 = System.nanoTime();
    List<String> killedAt = new ArrayList<>();
    // killed at each write until the operation is over (it may end before the third)
    for (int kill = 1; kill <= 3; kill++) {
      ControllerProcess c = startController();
      String before = seen;
      Apps.until("write " + kill + " of the Application", TIMEOUT,
          () -> !before.equals(apps.get("written").getMetadata().getResourceVersion()));
      c.kill();
      Application now = apps.get("written");
      seen = now.getMetadata().getResourceVersion();
      killedAt.add(Apps.op(now) == null ? "no operation yet" : Apps.op(now).phase + " " + Apps.op(now).syncPhase
          + " wave " + Apps.op(now).wave + (Boolean.TRUE.equals(Apps.op(now).stepApplied) ? " applied" : ""));
      if (Apps.succeeded(now)) break;
    }
    assertThat(killedAt).as("kills before the operation ended").hasSizeGreaterThanOrEqualTo(2);
    ControllerProcess last = startController();
    Application app = apps.await("written", a -> Apps.succeededAt(a, sha) && Apps.healthy(a), TIMEOUT);

    for (String cm : List.of("w0", "w1", "w2")) {
      assertThat(writes.of("ConfigMap", cm)).as(cm + " written once").isEqualTo(1);
    }
    assertThat(writes.of("Job", "post")).as("the PostSync hook created once").isEqualTo(1);
    assertThat(Apps.op(app).results).extracting(r -> r.kind + "/" + r.name)
        .contains("ConfigMap/w0", "ConfigMap/w1", "ConfigMap/w2", "Job/post");
    assertThat(Apps.syncsOf(app, sha)).singleElement().satisfies(h -> assertThat(h.result).isEqualTo("Succeeded"));
    System.out.printf("fault status-kill: killed at %s; last controller start %d ms; whole sync %d ms%n",
        killedAt, last.startedIn(), Apps.millisSince(t0));
  }

  static final String HOLD_FINALIZER = "faults.keelson.dev/hold";

  /** A hook Job whose pod runs until the test removes the hold from it. */
  static String heldJob(String name, String annotations) {
    return Orchestrated.job(name, annotations, 0)
        .replace("        keelson.dev/simulate-exit-code: \"0\"\n",
            "        keelson.dev/simulate-exit-code: \"0\"\n        " + NodeSimulator.SIMULATE_HOLD + ": \"true\"\n");
  }

  Job job(String name) {
    return client.batch().v1().jobs().inNamespace(ns).withName(name).get();
  }

  List<Pod> hookPods(String job) {
    return client.pods().inNamespace(ns).withLabel("job-name", job).list().getItems();
  }

  /**
   * Counts the writes the API server reports per object (creations and changes): an object
   * applied twice with a change, or deleted and created again, shows more than one.
   */
  Writes watchWrites() {
    Writes w = new Writes();
    closing.add(client.configMaps().inNamespace(ns).watch(w.recorder("ConfigMap")));
    closing.add(client.batch().v1().jobs().inNamespace(ns).watch(w.recorder("Job")));
    return w;
  }

  static final class Writes {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    int of(String kind, String name) {
      return counts.getOrDefault(kind + "/" + name, 0);
    }

    <T extends HasMetadata> Watcher<T> recorder(String kind) {
      // a Job's status moves as it runs, so only its creations count; any change of a ConfigMap does
      boolean creationsOnly = kind.equals("Job");
      return new Watcher<>() {
        @Override
        public void eventReceived(Action action, T o) {
          if (action == Action.ADDED || (action == Action.MODIFIED && !creationsOnly)) {
            counts.merge(kind + "/" + o.getMetadata().getName(), 1, Integer::sum);
          }
        }

        @Override
        public void onClose(WatcherException cause) {
        }
      };
    }
  }
}
