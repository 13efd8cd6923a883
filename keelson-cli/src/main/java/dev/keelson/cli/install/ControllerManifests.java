package dev.keelson.cli.install;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything `keelson install --controller` installs, in apply order: the Namespace, the CRDs,
 * the controller's and the server's ServiceAccounts and RBAC, their Services, Deployments and the
 * controller's PodDisruptionBudget. deploy/ holds the same, generated (hack/generate-deploy.sh).
 */
public final class ControllerManifests {
  static final String SERVER = "keelson-server";
  /** `keelson controller`'s port for /healthz, /readyz and /metrics. */
  public static final int METRICS_PORT = 9090;
  public static final int WEBHOOK_PORT = ControllerOptions.DEFAULT_WEBHOOK_PORT;
  public static final int SERVER_PORT = 8080;
  static final String CACHE = "/var/cache/keelson";

  private ControllerManifests() {}

  public static List<HasMetadata> of(InstallOptions o, KubernetesSerialization json) throws IOException {
    List<HasMetadata> out = new ArrayList<>();
    out.add(new NamespaceBuilder().withNewMetadata().withName(o.namespace()).withLabels(labels("keelson"))
        .endMetadata().build());
    List<String> crds = CrdInstaller.CRD_NAMES.stream()
        .filter(n -> o.sealedSecretsCrd() || !n.equals(SealedSecret.CRD_NAME)).toList();
    out.addAll(CrdInstaller.manifests(json, crds));
    for (String sa : List.of(RbacManifests.CONTROLLER, SERVER)) {
      out.add(new ServiceAccountBuilder().withNewMetadata().withName(sa).withNamespace(o.namespace())
          .withLabels(labels(sa)).endMetadata().build());
    }
    out.addAll(RbacManifests.controller(o));
    out.addAll(RbacManifests.server(o));
    out.add(service(o, RbacManifests.CONTROLLER, List.of(port("metrics", METRICS_PORT), port("webhooks", WEBHOOK_PORT))));
    out.add(service(o, SERVER, List.of(port("http", SERVER_PORT))));
    out.add(controllerDeployment(o));
    out.add(serverDeployment(o));
    out.add(podDisruptionBudget(o));
    return out;
  }

  /**
   * At most one controller replica down for a drain at a time: with leader election the standby
   * takes over, sharded the others take the share of one replica only (docs/install.md).
   */
  private static HasMetadata podDisruptionBudget(InstallOptions o) {
    String name = RbacManifests.CONTROLLER;
    IntOrString one = new IntOrString(1);
    if (o.pdb() == InstallOptions.PdbVersion.V1BETA1) {
      return new io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetBuilder().withNewMetadata()
          .withName(name).withNamespace(o.namespace()).withLabels(labels(name)).endMetadata()
          .withNewSpec().withMaxUnavailable(one)
          .withNewSelector().withMatchLabels(selector(name)).endSelector().endSpec().build();
    }
    return new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder().withNewMetadata()
        .withName(name).withNamespace(o.namespace()).withLabels(labels(name)).endMetadata()
        .withNewSpec().withMaxUnavailable(one)
        .withNewSelector().withMatchLabels(selector(name)).endSelector().endSpec().build();
  }

  static Map<String, String> labels(String name) {
    Map<String, String> l = new LinkedHashMap<>(selector(name));
    l.put("app.kubernetes.io/part-of", "keelson");
    return l;
  }

  /** Ordered: the generated deploy/ files must come out the same on every run. */
  private static Map<String, Quantity> resources(String cpu, String memory) {
    Map<String, Quantity> r = new LinkedHashMap<>();
    r.put("cpu", new Quantity(cpu));
    r.put("memory", new Quantity(memory));
    return r;
  }

  private static Map<String, String> selector(String name) {
    return Map.of("app.kubernetes.io/name", name);
  }

  private static ServicePort port(String name, int port) {
    // protocol given: server-side apply on 1.20 refuses ports without their merge key
    return new ServicePortBuilder().withName(name).withPort(port).withProtocol("TCP")
        .withTargetPort(new IntOrString(name)).build();
  }

  private static HasMetadata service(InstallOptions o, String name, List<ServicePort> ports) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(o.namespace()).withLabels(labels(name))
        .endMetadata().withNewSpec().withSelector(selector(name)).withPorts(ports).endSpec().build();
  }

  private static List<String> controllerArgs(InstallOptions o) {
    List<String> args = new ArrayList<>(List.of("controller",
        "--controller-namespace", o.namespace(),
        "--leader-election-namespace", o.namespace(),
        "--key-namespace", o.namespace(),
        "--cache-dir", CACHE,
        "--metrics-port", String.valueOf(METRICS_PORT),
        "--webhook-port", String.valueOf(WEBHOOK_PORT)));
    if (!o.features().rollouts()) args.add("--rollouts=false");
    if (!o.features().imageAutomation()) args.add("--image-automation=false");
    if (!o.features().sealedSecrets()) args.add("--sealed-secrets=false");
    if (!o.features().leaderElection()) args.add("--no-leader-election");
    // each replica's shard id is its pod's name ($HOSTNAME)
    if (o.features().sharding()) args.add("--sharded");
    for (String ns : o.watchedSorted()) {
      args.add("--namespace");
      args.add(ns);
    }
    return args;
  }

  private static HasMetadata controllerDeployment(InstallOptions o) {
    String name = RbacManifests.CONTROLLER;
    Probe live = httpProbe("/healthz", 20);
    Probe ready = httpProbe("/readyz", 5);
    return deployment(o, name, o.replicas(), new ContainerBuilder()
        .withName("controller").withImage(o.image()).withArgs(controllerArgs(o))
        .addNewPort().withName("metrics").withContainerPort(METRICS_PORT).withProtocol("TCP").endPort()
        .addNewPort().withName("webhooks").withContainerPort(WEBHOOK_PORT).withProtocol("TCP").endPort()
        .withLivenessProbe(live).withReadinessProbe(ready)
        .withNewResources().withRequests(resources("200m", "384Mi"))
        .withLimits(Map.of("memory", new Quantity("768Mi"))).endResources());
  }

  private static HasMetadata serverDeployment(InstallOptions o) {
    Probe tcp = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString("http")).endTcpSocket()
        .withInitialDelaySeconds(5).withPeriodSeconds(10).build();
    return deployment(o, SERVER, 1, new ContainerBuilder()
        .withName("server").withImage(o.image())
        .withArgs("server", "--controller-namespace", o.namespace(), "--port", String.valueOf(SERVER_PORT),
            "--cache-dir", CACHE)
        .addNewPort().withName("http").withContainerPort(SERVER_PORT).withProtocol("TCP").endPort()
        .withLivenessProbe(tcp).withReadinessProbe(tcp)
        .withNewResources().withRequests(resources("100m", "256Mi"))
        .withLimits(Map.of("memory", new Quantity("512Mi"))).endResources());
  }

  private static Probe httpProbe(String path, int initialDelay) {
    return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("metrics")).endHttpGet()
        .withInitialDelaySeconds(initialDelay).withPeriodSeconds(10).withFailureThreshold(3).build();
  }

  private static HasMetadata deployment(InstallOptions o, String name, int replicas, ContainerBuilder container) {
    container.withImagePullPolicy("IfNotPresent")
        .addNewEnv().withName("HOME").withValue("/tmp").endEnv()
        .addNewVolumeMount().withName("cache").withMountPath(CACHE).endVolumeMount()
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext();
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(o.namespace()).withLabels(labels(name))
        .endMetadata().withNewSpec().withReplicas(replicas)
        .withNewSelector().withMatchLabels(selector(name)).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels(name)).endMetadata()
        .withNewSpec().withServiceAccountName(name)
        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(65532L).withFsGroup(65532L).endSecurityContext()
        .withContainers(container.build())
        .addNewVolume().withName("cache").withNewEmptyDir().endEmptyDir().endVolume()
        .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
        .endSpec().endTemplate().endSpec().build();
  }
}
