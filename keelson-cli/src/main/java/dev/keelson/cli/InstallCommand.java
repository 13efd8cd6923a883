package dev.keelson.cli;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.cli.install.ControllerManifests;
import dev.keelson.cli.install.InstallOptions;
import dev.keelson.cli.install.ManifestApplier;
import dev.keelson.controller.runtime.ControllerRbac;
import dev.keelson.controller.runtime.CrdInstaller;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Installs (or updates) Keelson's CRDs, and with --controller the controller and server; safe to run again. */
@Command(name = "install", mixinStandardHelpOptions = true,
    description = {"Install Keelson's CRDs into the cluster (idempotent); with --controller also the controller and the"
        + " API server: ServiceAccounts, least-privilege RBAC, Deployments, Services, a PodDisruptionBudget"
        + " (docs/install.md)."})
final class InstallCommand implements Callable<Integer> {
  @Mixin KubeOptions kube;

  @Option(names = "--sealed-secrets", arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Install the SealedSecret CRD (sealedsecrets.bitnami.com); --sealed-secrets=false keeps an upstream"
          + " sealed-secrets installation's own, and the controller then serves none (default: ${DEFAULT-VALUE}).")
  boolean sealedSecrets;

  @Option(names = "--controller", description = "Also install the controller and the API server.")
  boolean controller;

  @Option(names = {"--namespace", "-n"}, defaultValue = InstallOptions.DEFAULT_NAMESPACE,
      description = "Namespace of the controller and the server (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--image", defaultValue = InstallOptions.DEFAULT_IMAGE, paramLabel = "REF",
      description = "Image of the controller and the server (default: ${DEFAULT-VALUE}; `keelson image build` makes one).")
  String image;

  @Option(names = "--namespaced", split = ",", paramLabel = "NS",
      description = "Manage only these namespaces: Roles there instead of a ClusterRole, and the controller watches only them.")
  List<String> namespaced = new ArrayList<>();

  @Option(names = "--manage", split = ",", paramLabel = "RESOURCE",
      description = "What apps may hold, as group/resource or resource (core group), e.g. configmaps,apps/deployments"
          + " (default: every kind).")
  List<String> manage = new ArrayList<>();

  @Option(names = "--rollouts", arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Grant and run Rollouts (default: ${DEFAULT-VALUE}).")
  boolean rollouts;

  @Option(names = "--image-automation", arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Grant and run image automation (default: ${DEFAULT-VALUE}).")
  boolean imageAutomation;

  @Option(names = "--sharded",
      description = "The controller's replicas share the Applications (`keelson controller --sharded`): Lease rights"
          + " for keelson-shard-<id>, and --replicas defaults to 3.")
  boolean sharded;

  @Option(names = "--replicas", paramLabel = "N",
      description = "The controller's replicas (default: 2, one active and one standby; 3 with --sharded).")
  Integer replicas;

  @Option(names = "--print", description = "Print the manifests (YAML) instead of applying them.")
  boolean print;

  @Option(names = {"-o", "--output"}, paramLabel = "yaml", description = "yaml: the same as --print.")
  String output;

  @Option(names = "--dry-run", description = "Server-side dry run: the API server validates everything, nothing is changed.")
  boolean dryRun;

  @Option(names = "--write-deploy", hidden = true, paramLabel = "DIR",
      description = "Write deploy/'s Kustomize base and Helm chart (hack/generate-deploy.sh).")
  java.nio.file.Path writeDeploy;

  @Option(names = "--rbac-table", hidden = true,
      description = "Print docs/install.md's table of the controller's rules per feature (hack/generate-deploy.sh).")
  boolean rbacTable;

  @Override
  public Integer call() throws Exception {
    if (rbacTable) {
      System.out.print(dev.keelson.cli.install.RbacDocs.table());
      return ExitCodes.OK;
    }
    if (writeDeploy != null) {
      for (var f : dev.keelson.cli.install.DeployFiles.render(new KubernetesSerialization()).entrySet()) {
        java.nio.file.Path p = writeDeploy.resolve(f.getKey());
        java.nio.file.Files.createDirectories(p.getParent());
        java.nio.file.Files.writeString(p, f.getValue());
        System.out.println(p + " written");
      }
      return ExitCodes.OK;
    }
    if (output != null && !output.equals("yaml")) throw new IllegalArgumentException("-o: only yaml is supported, not " + output);
    boolean printing = print || output != null;
    if (printing && dryRun) throw new IllegalArgumentException("--print and --dry-run: choose one");
    List<String> crds = CrdInstaller.CRD_NAMES.stream()
        .filter(n -> sealedSecrets || !n.equals(SealedSecret.CRD_NAME)).toList();
    if (!controller && !printing && !dryRun) {
      try (KubernetesClient client = kube.client()) {
        CrdInstaller.install(client, crds);
        crds.forEach(n -> System.out.println("customresourcedefinition " + n + " installed"));
      }
      return ExitCodes.OK;
    }
    KubernetesSerialization json = new KubernetesSerialization();
    if (printing) {
      // no cluster asked: the PodDisruptionBudget of today's servers (policy/v1)
      List<HasMetadata> objects = controller
          ? ControllerManifests.of(options(), json)
          : List.copyOf(CrdInstaller.manifests(json, crds));
      for (HasMetadata o : objects) {
        System.out.print(json.asYaml(o));
      }
      return ExitCodes.OK;
    }
    try (KubernetesClient client = kube.client()) {
      InstallOptions.PdbVersion pdb = client.supports("policy/v1", "PodDisruptionBudget")
          ? InstallOptions.PdbVersion.V1 : InstallOptions.PdbVersion.V1BETA1;
      List<HasMetadata> objects = controller
          ? ControllerManifests.of(options().withPdb(pdb), json)
          : List.copyOf(CrdInstaller.manifests(json, crds));
      new ManifestApplier(client, dryRun ? ManifestApplier.Mode.DRY_RUN : ManifestApplier.Mode.APPLY, System.out)
          .apply(objects);
    }
    return ExitCodes.OK;
  }

  InstallOptions options() {
    return InstallOptions.defaults().withNamespace(namespace).withImage(image)
        .withWatched(Set.copyOf(namespaced)).withManaged(ControllerRbac.Managed.parse(manage))
        .withFeatures(new ControllerRbac.Features(true, sharded, rollouts, imageAutomation, sealedSecrets))
        .withSealedSecretsCrd(sealedSecrets)
        .withReplicas(replicas != null ? replicas : sharded ? 3 : 2);
  }
}
