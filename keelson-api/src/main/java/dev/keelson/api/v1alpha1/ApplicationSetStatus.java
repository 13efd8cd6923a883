package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Written only by the controller. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationSetStatus {
  public Long observedGeneration;
  public List<Condition> conditions = new ArrayList<>();
  /** One per top-level generator, in spec order. */
  public List<GeneratorStatus> generators = new ArrayList<>();
  /** The Applications the set owns, by name. */
  public List<String> applications = new ArrayList<>();
  /** Deletions the guard holds back until confirmed or agreed by a later pass. */
  public HeldDeletion heldDeletion;
  /** Token (at) of the last `keelson appset confirm` acted upon. */
  public String lastHandledConfirm;
  /** Progressive sync: each step, its apps and what holds it. */
  public RollingSyncStatus rollingSync;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RollingSyncStatus {
    public List<StepStatus> steps = new ArrayList<>();
    /** Steps with maxUpdate 0 released by `keelson appset promote`, until the rollout completes. */
    public List<Integer> promotedSteps = new ArrayList<>();
    /** Token (at) of the last `keelson appset promote` acted upon. */
    public String lastHandledPromote;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class StepStatus {
    public Integer index;
    public List<String> applications = new ArrayList<>();
    /** Done, Progressing or Waiting. */
    public String state;
    /** Unless done: what holds the step (each app not yet ready and why, or the step it waits for). */
    public String holding;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class GeneratorStatus {
    public Integer index;
    /** list, clusters, git, matrix or merge. */
    public String type;
    /** Ok or Failed. */
    public String state;
    public String message;
    public List<String> applications = new ArrayList<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HeldDeletion {
    /** Digest of the held names: what `keelson appset confirm` confirms. */
    public String id;
    public List<String> applications = new ArrayList<>();
    public String reason;
    public String since;
  }
}
