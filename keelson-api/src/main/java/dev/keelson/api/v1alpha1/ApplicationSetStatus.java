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
