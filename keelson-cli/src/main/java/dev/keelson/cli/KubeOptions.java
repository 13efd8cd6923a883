package dev.keelson.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --kubeconfig, shared by every command that talks to a cluster; KUBECONFIG otherwise. */
public final class KubeOptions {
  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
  Path kubeconfig;

  public KubernetesClient client() throws IOException {
    Config config;
    if (kubeconfig != null) {
      config = Config.fromKubeconfig(Files.readString(kubeconfig));
    } else {
      config = Config.autoConfigure(null);
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The namespace of the kubeconfig's current context, or "default". */
  public String defaultNamespace(KubernetesClient client) {
    String ns = client.getConfiguration().getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }
}
