package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.CrdInstaller;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Installs (or updates) Keelson's CRDs; safe to run again. */
@Command(name = "install", mixinStandardHelpOptions = true, description = "Install Keelson's CRDs into the cluster (idempotent).")
final class InstallCommand implements Callable<Integer> {
  @Mixin KubeOptions kube;

  @Override
  public Integer call() throws Exception {
    try (KubernetesClient client = kube.client()) {
      CrdInstaller.install(client);
      System.out.println("customresourcedefinition " + Application.CRD_NAME + " installed");
      System.out.println("customresourcedefinition " + dev.keelson.api.v1alpha1.ApplicationSet.CRD_NAME + " installed");
    }
    return ExitCodes.OK;
  }
}
