package dev.keelson.api.v1alpha1;

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
  }
}
