package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.ClusterRef;
import dev.keelson.controller.fleet.ClusterClients;
import dev.keelson.controller.fleet.ClusterRegistration;
import dev.keelson.controller.fleet.ClusterSecret;
import dev.keelson.controller.fleet.ClusterSecrets;
import dev.keelson.controller.runtime.ControllerOptions;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Destination clusters, as cluster Secrets in the controller's namespace (Argo CD's format). */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Add, list or remove destination clusters.",
    subcommands = {ClusterCommand.Add.class, ClusterCommand.ListClusters.class, ClusterCommand.Remove.class})
final class ClusterCommand {

  /** Where the controller runs: its cluster and namespace. */
  static class Control {
    @Option(names = "--control-kubeconfig", paramLabel = "FILE",
        description = "Kubeconfig of the cluster the controller runs in (default: $KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--controller-namespace", defaultValue = ControllerOptions.DEFAULT_NAMESPACE,
        description = "The controller's namespace, where its Secrets live (default: ${DEFAULT-VALUE}).")
    String namespace;

    KubernetesClient client() throws java.io.IOException {
      Config config = kubeconfig != null ? Config.fromKubeconfig(Files.readString(kubeconfig)) : Config.autoConfigure(null);
      return new KubernetesClientBuilder().withConfig(config).build();
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Register a cluster: a ServiceAccount with a token in it, and its cluster Secret.")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--kubeconfig", required = true, paramLabel = "FILE", description = "Kubeconfig of the cluster to add.")
    Path kubeconfig;
    @Option(names = "--context", paramLabel = "C", description = "Context of that kubeconfig (default: its current one).")
    String context;
    @Option(names = "--label", paramLabel = "k=v", description = "A label of the cluster (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();
    @Mixin Control control;

    @Override
    public Integer call() throws Exception {
      Config targetConfig = Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
      try (KubernetesClient target = new KubernetesClientBuilder().withConfig(targetConfig).build();
           KubernetesClient controlClient = control.client()) {
        Secret s = ClusterRegistration.add(controlClient, control.namespace, target, name, labels);
        System.out.println("cluster " + name + " added: " + ClusterSecrets.parse(s).server()
            + " (Secret " + control.namespace + "/" + s.getMetadata().getName() + ")");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Show each cluster's server, version, connection state and app count.")
  static final class ListClusters implements Callable<Integer> {
    @Mixin Control control;

    @Override
    public Integer call() throws Exception {
      try (KubernetesClient c = control.client()) {
        List<Application> apps = c.resources(Application.class).inAnyNamespace().list().getItems();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(ClusterRef.IN_CLUSTER_NAME, ClusterRef.IN_CLUSTER_SERVER, version(c), "Connected",
            Long.toString(count(apps, ClusterRef.IN_CLUSTER, null))));
        for (Secret s : clusterSecrets(c, control.namespace)) {
          ClusterSecret cs;
          try {
            cs = ClusterSecrets.parse(s);
          } catch (IllegalArgumentException e) {
            rows.add(List.of(s.getMetadata().getName(), "-", "-", "Invalid: " + e.getMessage(), "-"));
            continue;
          }
          String version;
          String state;
          try (KubernetesClient remote = ClusterClients.create(cs)) {
            version = version(remote);
            state = "Connected";
          } catch (RuntimeException e) {
            version = "-";
            state = "Unreachable: " + dev.keelson.controller.fleet.Causes.rootMessage(e);
          }
          rows.add(List.of(cs.name(), cs.server(), version, state, Long.toString(count(apps, null, cs))));
        }
        Output.table(System.out, List.of("NAME", "SERVER", "VERSION", "STATE", "APPS"), rows);
      }
      return ExitCodes.OK;
    }

    private static String version(KubernetesClient c) {
      return c.getKubernetesVersion().getGitVersion();
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a cluster's Secret (its objects stay).")
  static final class Remove implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Mixin Control control;

    @Override
    public Integer call() throws Exception {
      try (KubernetesClient c = control.client()) {
        for (Secret s : clusterSecrets(c, control.namespace)) {
          ClusterSecret cs;
          try {
            cs = ClusterSecrets.parse(s);
          } catch (IllegalArgumentException e) {
            continue;
          }
          if (!cs.name().equals(name)) continue;
          long apps = count(c.resources(Application.class).inAnyNamespace().list().getItems(), null, cs);
          c.secrets().inNamespace(control.namespace).withName(s.getMetadata().getName()).delete();
          System.out.println("cluster " + name + " removed" + (apps == 0 ? ""
              : "; " + apps + " app(s) still name it and will report DestinationUnknown"));
          return ExitCodes.OK;
        }
      }
      System.err.println("no cluster named " + name + " in namespace " + control.namespace);
      return ExitCodes.ERROR;
    }
  }

  static List<Secret> clusterSecrets(KubernetesClient c, String namespace) {
    Map<String, Secret> byName = new LinkedHashMap<>();
    for (String label : List.of(ClusterSecrets.TYPE_LABEL, ClusterSecrets.ARGOCD_TYPE_LABEL)) {
      c.secrets().inNamespace(namespace).withLabel(label, ClusterSecrets.CLUSTER).list().getItems()
          .forEach(s -> byName.putIfAbsent(s.getMetadata().getName(), s));
    }
    return new ArrayList<>(byName.values());
  }

  /** Apps whose destination is the controller's own cluster ({@code inCluster}) or {@code cluster}. */
  static long count(List<Application> apps, ClusterRef inCluster, ClusterSecret cluster) {
    return apps.stream().filter(a -> {
      var d = a.getSpec() == null ? null : a.getSpec().destination;
      ClusterRef ref;
      try {
        ref = d == null ? ClusterRef.IN_CLUSTER : ClusterRef.of(d.server, d.name);
      } catch (IllegalArgumentException e) {
        return false;
      }
      if (cluster == null) return ref instanceof ClusterRef.InCluster;
      return cluster.matches(ref);
    }).count();
  }

}
