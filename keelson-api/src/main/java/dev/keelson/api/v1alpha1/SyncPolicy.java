package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SyncPolicy {
  @JsonPropertyDescription(
      "Sync automatically on every change. Without it the app only reports OutOfSync.")
  public Automated automated;

  @JsonPropertyDescription(
      "Options: CreateNamespace=true, PruneLast=true, ApplyOutOfSyncOnly=true,"
          + " PrunePropagationPolicy=foreground|background|orphan, FailOnSharedResource=true,"
          + " Replace=true, Validate=false.")
  public List<String> syncOptions;

  @JsonPropertyDescription("Retry a failed sync with exponential backoff.")
  public Retry retry;

  @JsonPropertyDescription("Apply a new revision only after `keelson app approve`.")
  public Approval approval;

  @JsonPropertyDescription(
      "Time windows: automated syncs run only inside allow windows and outside deny windows.")
  public List<SyncWindow> windows;

  /** Value of a {@code Key=value} option, or null when absent. */
  public String optionValue(String key) {
    if (syncOptions == null) return null;
    for (String o : syncOptions) {
      int eq = o.indexOf('=');
      if (eq > 0 && o.substring(0, eq).trim().equalsIgnoreCase(key)) return o.substring(eq + 1).trim();
    }
    return null;
  }

  public boolean hasOption(String option) {
    return syncOptions != null
        && syncOptions.stream().anyMatch(o -> o.trim().equalsIgnoreCase(option));
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Automated {
    @JsonPropertyDescription("Delete objects removed from Git.")
    public Boolean prune;

    @JsonPropertyDescription("Revert changes made to managed objects in the cluster.")
    public Boolean selfHeal;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Retry {
    @JsonPropertyDescription("Number of retries; negative means unlimited. Default 0 (the failed sync stays failed until something changes).")
    public Long limit;

    @JsonPropertyDescription("Delay between attempts.")
    public Backoff backoff;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Backoff {
    @JsonPropertyDescription("First delay (5s, 2m). Default 5s.")
    public String duration;

    @JsonPropertyDescription("Each delay is the previous one times this factor. Default 2.")
    public Long factor;

    @JsonPropertyDescription("Longest delay. Default 3m.")
    public String maxDuration;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Approval {
    @JsonPropertyDescription("A new revision is planned and shown, but applied only once approved.")
    public Boolean required;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SyncWindow {
    @JsonPropertyDescription("allow or deny.")
    public String kind;

    @JsonPropertyDescription("Cron schedule (5 fields) at which the window opens.")
    public String schedule;

    @JsonPropertyDescription("How long the window stays open (1h, 30m).")
    public String duration;

    @JsonPropertyDescription("IANA time zone of the schedule. Default UTC.")
    public String timeZone;

    @JsonPropertyDescription("Let `keelson app sync` through while this window would block.")
    public Boolean manualSync;
  }
}
