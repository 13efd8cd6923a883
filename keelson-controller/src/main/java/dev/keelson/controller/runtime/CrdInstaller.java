package dev.keelson.controller.runtime;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/** Installs or updates Keelson's CRDs (server-side apply, so it is idempotent) and waits for them. */
public final class CrdInstaller {
  /** Generated from the API classes at build time by fabric8's CRD generator. */
  static final String CRD_RESOURCE = "/META-INF/fabric8/" + Application.CRD_NAME + "-v1.yml";

  private CrdInstaller() {}

  public static void install(KubernetesClient client) throws IOException {
    install(client, Application.CRD_NAME);
    install(client, dev.keelson.api.v1alpha1.ApplicationSet.CRD_NAME);
  }

  private static void install(KubernetesClient client, String name) throws IOException {
    String resource = "/META-INF/fabric8/" + name + "-v1.yml";
    CustomResourceDefinition crd;
    try (InputStream in = CrdInstaller.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("CRD manifest missing from the build: " + resource);
      crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    }
    client.apiextensions().v1().customResourceDefinitions().resource(crd)
        .fieldManager("keelson").forceConflicts().serverSideApply();
    client.apiextensions().v1().customResourceDefinitions().withName(name)
        .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
            && c.getStatus().getConditions().stream()
                .anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus())),
            60, TimeUnit.SECONDS);
  }
}
