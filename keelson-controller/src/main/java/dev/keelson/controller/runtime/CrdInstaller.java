package dev.keelson.controller.runtime;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.api.images.v1alpha1.ImagePolicy;
import dev.keelson.api.images.v1alpha1.ImageRepository;
import dev.keelson.api.images.v1alpha1.ImageUpdateAutomation;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplate;
import dev.keelson.api.rollouts.v1alpha1.ClusterAnalysisTemplate;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Installs or updates Keelson's CRDs (server-side apply, so it is idempotent) and waits for them. */
public final class CrdInstaller {
  /** Every CRD Keelson serves, generated from the API classes at build time by fabric8's CRD generator. */
  public static final List<String> CRD_NAMES = List.of(Application.CRD_NAME,
      dev.keelson.api.v1alpha1.ApplicationSet.CRD_NAME, dev.keelson.api.v1alpha1.AppProject.CRD_NAME,
      dev.keelson.api.v1alpha1.Receiver.CRD_NAME, SealedSecret.CRD_NAME,
      Rollout.CRD_NAME, AnalysisTemplate.CRD_NAME, ClusterAnalysisTemplate.CRD_NAME,
      AnalysisRun.CRD_NAME, ImageRepository.CRD_NAME, ImagePolicy.CRD_NAME, ImageUpdateAutomation.CRD_NAME,
      dev.keelson.api.v1alpha1.Provider.CRD_NAME, dev.keelson.api.v1alpha1.Alert.CRD_NAME,
      dev.keelson.api.promotion.v1alpha1.PromotionPipeline.CRD_NAME);

  private CrdInstaller() {}

  static String resource(String crdName) {
    return "/META-INF/fabric8/" + crdName + "-v1.yml";
  }

  /** The named CRDs (some of {@link #CRD_NAMES}) as built, for `keelson install --controller --print`. */
  public static List<CustomResourceDefinition> manifests(io.fabric8.kubernetes.client.utils.KubernetesSerialization json,
      List<String> names) throws IOException {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (String name : names) {
      if (!CRD_NAMES.contains(name)) throw new IllegalArgumentException("not a Keelson CRD: " + name);
      try (InputStream in = CrdInstaller.class.getResourceAsStream(resource(name))) {
        if (in == null) throw new IllegalStateException("CRD manifest missing from the build: " + resource(name));
        crds.add(json.unmarshal(in, CustomResourceDefinition.class));
      }
    }
    return crds;
  }

  /** Applies all CRDs, then waits until each is Established. */
  public static void install(KubernetesClient client) throws IOException {
    install(client, CRD_NAMES);
  }

  /**
   * Applies the named CRDs (some of {@link #CRD_NAMES}), then waits until each is Established.
   * Leaving out the SealedSecret CRD keeps an upstream sealed-secrets installation's own.
   */
  public static void install(KubernetesClient client, List<String> names) throws IOException {
    List<CustomResourceDefinition> crds = manifests(client.getKubernetesSerialization(), names);
    for (CustomResourceDefinition crd : crds) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd)
          .fieldManager("keelson").forceConflicts().serverSideApply();
    }
    for (String name : names) {
      client.apiextensions().v1().customResourceDefinitions().withName(name)
          .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
              && c.getStatus().getConditions().stream()
                  .anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus())),
              60, TimeUnit.SECONDS);
    }
  }
}
