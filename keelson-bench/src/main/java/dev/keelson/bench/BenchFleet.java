package dev.keelson.bench;

import dev.keelson.controller.fleet.ClusterSecrets;
import dev.keelson.localcluster.LocalCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The destination clusters of a multi-cluster run: the controller's own, and more, each given by a
 * kubeconfig or a local control plane started for the run ({@code ~/.keelson/local-clusters/NAME},
 * stopped afterwards unless {@code --keep-cluster}; one already running is used and left
 * running). Each is registered as a cluster Secret in the run's controller namespace, which is
 * deleted with it, and gets the run's destination namespace, deleted at cleanup.
 */
final class BenchFleet {
  private BenchFleet() {}

  /**
   * One destination cluster.
   *
   * @param server the server its Secret names (the in-cluster's is Argo CD's {@code https://kubernetes.default.svc})
   * @param kubeconfig what its Secret carries; null for the in-cluster
   * @param processes its control-plane processes when they run on this machine
   */
  record Member(String name, String server, KubernetesClient client, String kubeconfig, ClusterProcesses processes,
      String source) {
    boolean inCluster() {
      return kubeconfig == null;
    }
  }

  static Member inCluster(BenchContext ctx) {
    return new Member(AppSetLayout.IN_CLUSTER_NAME, AppSetLayout.IN_CLUSTER_SERVER, ctx.admin, null,
        ClusterProcesses.find(ctx.config.getMasterUrl()), "the controller's own");
  }

  /**
   * Another cluster: from {@code kubeconfig} when given, else a local control plane named {@code
   * name}, started unless one runs already. Its namespace {@code ns} is created now and deleted at
   * cleanup.
   */
  static Member extra(BenchContext ctx, String name, Path kubeconfig, String ns) throws IOException {
    Path file;
    boolean stays;
    String source;
    if (kubeconfig != null) {
      file = kubeconfig;
      stays = true;
      source = kubeconfig.toString();
    } else {
      Path stateDir = LocalCluster.stateDirFor(name);
      LocalCluster local = LocalCluster.named(stateDir);
      var running = local.kubeconfig(stateDir);
      if (running.isPresent()) {
        ctx.progress.say("cluster " + name + ": using the local cluster already running in " + stateDir);
        file = running.get();
        stays = true;
        source = "local cluster " + name + ", already running (" + file + ")";
      } else {
        ctx.progress.say("cluster " + name + ": starting a local control plane in " + stateDir);
        // registered before the start, so that a half-started control plane is stopped too
        ctx.cleanup.add("stop the local cluster " + name, () -> {
          if (ctx.keepCluster) {
            ctx.progress.say("local cluster " + name + " left running (--keep-cluster); stop it with:"
                + " keelson local-cluster down --name " + name);
          } else {
            local.down(stateDir, System.err);
          }
        });
        long t0 = System.nanoTime();
        file = local.up(stateDir, System.err);
        ctx.progress.say(String.format(java.util.Locale.ROOT, "cluster %s: started in %.1fs", name,
            Text.seconds(System.nanoTime() - t0)));
        stays = ctx.keepCluster;
        source = "local cluster " + name + ", started for the run (" + file + ")";
      }
    }
    String yaml = Files.readString(file);
    Config config = Config.fromKubeconfig(yaml);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    ctx.cleanup.add("close the client of cluster " + name, client::close);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .addToLabels(BenchContext.BENCH_LABEL, ctx.scenario).endMetadata().build()).create();
    ctx.cleanup.add("delete namespace " + ns + " on cluster " + name, () -> {
      client.namespaces().withName(ns).delete();
      // a cluster stopped right after needs no wait; one that stays should be left quiet
      if (stays) awaitGone(ctx, client, name, ns);
    });
    return new Member(name, config.getMasterUrl(), client, yaml, ClusterProcesses.find(config.getMasterUrl()), source);
  }

  /** The cluster Secret of {@code m} in {@code controllerNs}, labelled with the run. */
  static void register(BenchContext ctx, String controllerNs, Member m, String runLabel) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ClusterSecrets.TYPE_LABEL, ClusterSecrets.CLUSTER);
    labels.put(AppSetLayout.RUN_LABEL, runLabel);
    Map<String, String> data = new LinkedHashMap<>();
    data.put("name", m.name());
    data.put("server", m.server());
    if (m.inCluster()) {
      data.put("config", "{}");
    } else {
      data.put("kubeconfig", m.kubeconfig());
    }
    ctx.admin.secrets().inNamespace(controllerNs).resource(new SecretBuilder().withNewMetadata()
        .withName("cluster-" + m.name()).withNamespace(controllerNs).withLabels(labels).endMetadata()
        .withStringData(data).build()).create();
  }

  private static void awaitGone(BenchContext ctx, KubernetesClient client, String cluster, String ns) {
    long giveUp = System.nanoTime() + BenchContext.CLEANUP_WAIT.toNanos();
    while (client.namespaces().withName(ns).get() != null) {
      if (System.nanoTime() - giveUp > 0) {
        ctx.progress.say("namespace " + ns + " on cluster " + cluster + " still terminating after "
            + Text.duration(BenchContext.CLEANUP_WAIT) + "; the cluster finishes deleting it on its own");
        return;
      }
      ctx.progress.every(() -> "waiting for namespace " + ns + " on cluster " + cluster + " to be deleted");
      try {
        Thread.sleep(Duration.ofMillis(500).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    ctx.progress.say("deleted namespace " + ns + " on cluster " + cluster);
  }
}
