package dev.keelson.cli;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.controller.runtime.CrdInstaller;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Installs (or updates) Keelson's CRDs; safe to run again. */
@Command(name = "install", mixinStandardHelpOptions = true, description = "Install Keelson's CRDs (Application, SealedSecret) into the cluster (idempotent).")
final class InstallCommand implements Callable<Integer> {
  @Mixin KubeOptions kube;

  @Option(names = "--sealed-secrets", arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Install the SealedSecret CRD (sealedsecrets.bitnami.com); --sealed-secrets=false keeps an upstream"
          + " sealed-secrets installation's own (default: ${DEFAULT-VALUE}).")
  boolean sealedSecrets;

  @Override
  public Integer call() throws Exception {
    List<String> crds = CrdInstaller.CRD_NAMES.stream()
        .filter(n -> sealedSecrets || !n.equals(SealedSecret.CRD_NAME)).toList();
    try (KubernetesClient client = kube.client()) {
      CrdInstaller.install(client, crds);
      crds.forEach(n -> System.out.println("customresourcedefinition " + n + " installed"));
    }
    return ExitCodes.OK;
  }
}
