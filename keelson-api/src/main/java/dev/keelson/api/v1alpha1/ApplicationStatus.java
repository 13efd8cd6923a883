package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Everything the controller knows about the app; written only by the controller. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationStatus {
  public Long observedGeneration;
  public SyncStatus sync;
  public HealthStatusView health;
  public List<Condition> conditions = new ArrayList<>();
  public List<ResourceStatus> resources = new ArrayList<>();
  public Inventory inventory;
  public List<HistoryEntry> history = new ArrayList<>();
  /** Git tree id of source.path at the last rendered commit: a commit that changes nothing there is not re-applied. */
  public String sourceTreeId;
  /** Value of the keelson.dev/sync-requested-at annotation last acted upon. */
  public String lastHandledSyncRequest;
  public String lastSyncedAt;
  /** Digest of the desired objects last applied successfully: equal means nothing new to apply. */
  public String appliedDigest;

  /** The sync operation running or last run: resumable after a controller restart. */
  public OperationState operationState;
  /** A planned revision waiting for `keelson app approve` (syncPolicy.approval.required). */
  public PendingApproval pendingApproval;
  /** Set while a rollback pins the app to a history entry; cleared by `keelson app rollback --clear`. */
  public Pin pinned;
  /** True while spec.suspend holds every sync back. */
  public Boolean suspended;
  /** Tokens of the operator requests (annotations) already acted upon. */
  public String lastHandledApproval;
  public String lastHandledRollback;
  public String lastHandledTerminate;
  public String lastHandledSuspendChange;
  /** Value of the keelson.dev/refresh-requested-at annotation last acted upon (Git fetched, compared). */
  public String lastHandledRefresh;
  /** With sharded controllers: the replica that holds the app (the only one that reconciles it). */
  public String controller;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SyncStatus {
    /** Synced, OutOfSync or Unknown. */
    @PrinterColumn(name = "Sync")
    public String status;
    /** Full commit SHA rendered. */
    @PrinterColumn(name = "Revision", priority = 1)
    public String revision;
    /** What the revision resolved through, e.g. refs/heads/main. */
    public String ref;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HealthStatusView {
    /** Healthy, Progressing, Degraded, Suspended, Missing or Unknown. */
    @PrinterColumn(name = "Health")
    public String status;
    public String message;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ResourceStatus {
    public String group;
    public String version;
    public String kind;
    public String namespace;
    public String name;
    /** Synced or OutOfSync. */
    public String status;
    public ResourceHealth health;
    public String message;
    public Boolean requiresPruning;
    /** For an OutOfSync object: which fields differ and who changed them (bounded). */
    public Drift drift;
  }

  /** The fields in which a live object differs from Git, the first few of them, and who changed each. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Drift {
    public List<DriftField> fields = new ArrayList<>();
    /** How many more fields differ than are listed. */
    public Integer more;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DriftField {
    /** e.g. spec.replicas */
    public String path;
    /** The field manager owning the live value (kubectl-edit, kube-controller-manager...). */
    public String manager;
    /** Apply or Update. */
    public String operation;
    /** When the manager last wrote. */
    public String time;
    /** Person, Controller, Admission or Unknown. */
    public String classification;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ResourceHealth {
    public String status;
    public String message;

    public ResourceHealth() {}

    public ResourceHealth(String status, String message) {
      this.status = status;
      this.message = message;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Inventory {
    public List<InventoryEntry> entries = new ArrayList<>();
  }

  /** Flux's inventory format: id {@code <ns>_<name>_<group>_<kind>}, v the API version. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class InventoryEntry {
    public String id;
    public String v;

    public InventoryEntry() {}

    public InventoryEntry(String id, String v) {
      this.id = id;
      this.v = v;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HistoryEntry {
    public Long id;
    public String revision;
    public String deployedAt;
    /** Succeeded or Failed. */
    public String result;
    public String message;
    /** "automated" or the user who asked for the sync. */
    public String initiatedBy;
    /** Sync, Rollback, Approve, Suspend, Resume, Unpin or Terminate. */
    public String action;

    /** An operation (sync or rollback) rather than an operator action; entries without action are syncs. */
    @JsonIgnore
    public boolean isOperation() {
      return action == null || "Sync".equals(action) || "Rollback".equals(action);
    }

    /** An operation that deployed its revision: what a rollback may return to. */
    @JsonIgnore
    public boolean isDeployment() {
      return isOperation() && "Succeeded".equals(result) && revision != null && !revision.isBlank();
    }
  }

  /** One sync operation: its plan position, per-object results and outcome. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class OperationState {
    /** Unique per operation (start time and revision). */
    public String id;
    /** Running, Succeeded, Failed or Terminated. */
    public String phase;
    /** PreSync, Sync, PostSync or SyncFail: the phase of the current step. */
    public String syncPhase;
    /** Wave of the current step. */
    public Integer wave;
    /** The current step was applied and is awaited (health, hook completion). */
    public Boolean stepApplied;
    public String message;
    public String revision;
    /** Digest of the desired objects this operation applies. */
    public String digest;
    public String initiatedBy;
    /** automated, manual, approval, rollback, selfHeal or retry. */
    public String trigger;
    public Boolean prune;
    public Boolean dryRun;
    /** GROUP:KIND:NAME of the only objects to sync (keelson app sync --resource). */
    public List<String> resources;
    public String startedAt;
    public String finishedAt;
    /** The failure that sent the operation to the SyncFail phase. */
    public String failure;
    /** Attempts made after the first (syncPolicy.retry). */
    public Integer retryCount;
    public String nextRetryAt;
    public List<ResourceResult> results = new ArrayList<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ResourceResult {
    public String group;
    public String version;
    public String kind;
    public String namespace;
    public String name;
    /** Phase of a hook; absent for ordinary objects. */
    public String hookPhase;
    public Integer wave;
    /** Synced, Pruned, PruneSkipped, Running, Succeeded, Failed or Skipped. */
    public String status;
    public String message;
    /** When it was applied (or deleted). */
    public String at;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PendingApproval {
    public String revision;
    public String digest;
    public String since;
    /** What applying would do, one line per object: "Create|Configure|Skipped|Prune KIND/NS/NAME". */
    public List<String> changes = new ArrayList<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Pin {
    public Long historyId;
    public String revision;
    public String by;
    public String at;
  }
}
