package dev.keelson.api.promotion.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionPipelineStatus {
  public Long observedGeneration;

  public List<Condition> conditions = new ArrayList<>();

  /** One per stage, in the spec's order. */
  public List<StageStatus> stages = new ArrayList<>();

  /** What was promoted where, when and by whom, newest last (the last 20). */
  public List<HistoryEntry> history = new ArrayList<>();

  /** The answer to the last `keelson promote` request. */
  public RequestAnswer lastHandledPromote;

  /** The answer to the last `keelson promote approve` request. */
  public RequestAnswer lastHandledApprove;

  /** What moves between stages, as one stage runs it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Freight {
    public String revision;
    /** image repository to tag */
    public Map<String, String> images;
    /** file:path to value */
    public Map<String, String> values;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class StageStatus {
    public String name;
    /** Verified, Soaking, Progressing, Promoting, AwaitingApproval, Failed, Missing. */
    public String phase;
    public String message;
    /** When the stage entered its phase. */
    public String since;
    /** What the stage runs (read from Git at its synced revision). */
    public Freight current;
    /** What the stage was last promoted to and is to run, until it does. */
    public Freight promoting;
    /** The commit of that promotion. */
    public String promotionCommit;
    /** The candidate of the stage before (its key) when this stage was last promoted. */
    public String offered;
    /** The candidate approved for this stage (its key) and by whom. */
    public String approved;
    public String approvedBy;
    /** The AnalysisRun of what the stage runs (stages with analysis), and its phase. */
    public String analysisRun;
    public String analysisPhase;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HistoryEntry {
    public Long id;
    public String stage;
    public String fromStage;
    public Freight freight;
    /** The promotion commit, or null when an Application was patched. */
    public String commit;
    public String branch;
    public String promotedAt;
    /** "controller", or the user who asked. */
    public String promotedBy;
    public String message;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RequestAnswer {
    public String token;
    public String result;
    public Boolean failed;
  }
}
