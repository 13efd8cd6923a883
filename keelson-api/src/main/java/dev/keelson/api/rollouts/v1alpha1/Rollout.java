package dev.keelson.api.rollouts.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A workload released step by step (canary or blue-green), Argo Rollouts' Rollout. */
@Group(Rollout.GROUP)
@Version(Rollout.VERSION)
@Kind(Rollout.KIND)
@Plural("rollouts")
@ShortNames({"kro"})
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Step", jsonPath = ".status.currentStepIndex", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Stable", jsonPath = ".status.stableRS", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Rollout extends CustomResource<RolloutSpec, RolloutStatus> implements Namespaced {
  public static final String GROUP = "keelson.dev";
  public static final String VERSION = "v1alpha1";
  public static final String KIND = "Rollout";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CRD_NAME = "rollouts.keelson.dev";
  /** Label on ReplicaSets, pods and Service selectors: which pod template a pod runs. Argo's name. */
  /**
   * The field manager of everything the rollout controller writes. An Application never reverts
   * fields this manager owns on an object it declares (an HTTPRoute's weights, a Service's selector
   * key): see docs/progressive-delivery.md.
   */
  public static final String FIELD_MANAGER = "keelson-rollouts";
  public static final String POD_TEMPLATE_HASH_LABEL = "rollouts-pod-template-hash";

  @Override
  protected RolloutSpec initSpec() {
    return new RolloutSpec();
  }
}
