package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/** Flux's Alert spec (notification.toolkit.fluxcd.io/v1beta3). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertSpec {
  @Required
  @JsonPropertyDescription("The Provider in the Alert's namespace that the matching events are sent to.")
  public ProviderRef providerRef;

  @JsonPropertyDescription("info (default): every event; error: only errors.")
  public String eventSeverity;

  @Required
  @JsonPropertyDescription("The objects whose events are sent: by kind and name (`*` for any), or labels.")
  public List<EventSource> eventSources;

  @JsonPropertyDescription("Regular expressions: when given, only events whose message matches one are sent.")
  public List<String> inclusionList;

  @JsonPropertyDescription("Regular expressions: events whose message matches one are not sent.")
  public List<String> exclusionList;

  @JsonPropertyDescription("A short text sent with every event (metadata key `summary`).")
  public String summary;

  @JsonPropertyDescription("Metadata added to every event sent; an event's own keys are kept.")
  public Map<String, String> eventMetadata;

  @JsonPropertyDescription("Stop sending events for this Alert.")
  public Boolean suspend;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ProviderRef {
    @Required public String name;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class EventSource {
    @JsonPropertyDescription("keelson.dev/v1alpha1 (default).")
    public String apiVersion;

    @Required
    @JsonPropertyDescription("Application, or another kind Keelson reports events for (SealedSecret, Rollout, ...).")
    public String kind;

    @Required
    @JsonPropertyDescription("The object's name; `*` (anywhere in the name) matches any characters.")
    public String name;

    @JsonPropertyDescription("The object's namespace; default the Alert's.")
    public String namespace;

    @JsonPropertyDescription("With name `*`, only objects carrying these labels.")
    public Map<String, String> matchLabels;
  }
}
