package dev.keelson.controller.notify;

import dev.keelson.api.v1alpha1.AlertSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An Alert read into what matching needs, with its regular expressions compiled once: which
 * sources, which severity, which messages, and what it adds to each event it sends.
 */
public record AlertRule(String namespace, String name, String provider, NotifyEvent.Severity severity,
    List<SourceSelector> sources, List<Pattern> inclusions, List<Pattern> exclusions, String summary,
    Map<String, String> eventMetadata, boolean suspended) {

  /** One entry of eventSources; {@code name} may hold {@code *} anywhere. */
  public record SourceSelector(String apiVersion, String kind, Pattern name, String namespace,
      Map<String, String> matchLabels) {
    boolean matches(NotifyEvent.Source s) {
      if (!kind.equals(s.kind())) return false;
      if (apiVersion != null && s.apiVersion() != null && !apiVersion.equals(s.apiVersion())) return false;
      if (!namespace.equals(s.namespace())) return false;
      if (!name.matcher(s.name()).matches()) return false;
      return matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey())));
    }
  }

  /**
   * @throws IllegalArgumentException naming the field at fault
   */
  public static AlertRule of(String namespace, String name, AlertSpec spec) {
    if (spec == null) throw new IllegalArgumentException("spec is required");
    if (spec.providerRef == null || blank(spec.providerRef.name)) {
      throw new IllegalArgumentException("spec.providerRef.name is required");
    }
    NotifyEvent.Severity severity;
    if (blank(spec.eventSeverity)) {
      severity = NotifyEvent.Severity.info;
    } else {
      try {
        severity = NotifyEvent.Severity.valueOf(spec.eventSeverity.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("spec.eventSeverity: " + spec.eventSeverity + " is not info or error");
      }
    }
    if (spec.eventSources == null || spec.eventSources.isEmpty()) {
      throw new IllegalArgumentException("spec.eventSources: at least one source is required");
    }
    List<SourceSelector> sources = new ArrayList<>();
    for (int i = 0; i < spec.eventSources.size(); i++) {
      AlertSpec.EventSource s = spec.eventSources.get(i);
      if (s == null || blank(s.kind)) throw new IllegalArgumentException("spec.eventSources[" + i + "].kind is required");
      if (blank(s.name)) throw new IllegalArgumentException("spec.eventSources[" + i + "].name is required");
      sources.add(new SourceSelector(blank(s.apiVersion) ? null : s.apiVersion, s.kind, glob(s.name),
          blank(s.namespace) ? namespace : s.namespace, s.matchLabels == null ? Map.of() : Map.copyOf(s.matchLabels)));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    if (spec.eventMetadata != null) metadata.putAll(spec.eventMetadata);
    return new AlertRule(namespace, name, spec.providerRef.name, severity, List.copyOf(sources),
        patterns("spec.inclusionList", spec.inclusionList), patterns("spec.exclusionList", spec.exclusionList),
        blank(spec.summary) ? null : spec.summary, Map.copyOf(metadata), Boolean.TRUE.equals(spec.suspend));
  }

  /** Whether this alert sends the event, as Flux decides: source, severity, inclusions, then exclusions. */
  public boolean matches(NotifyEvent e) {
    if (suspended) return false;
    if (severity == NotifyEvent.Severity.error && e.severity() != NotifyEvent.Severity.error) return false;
    if (sources.stream().noneMatch(s -> s.matches(e.source()))) return false;
    if (!inclusions.isEmpty() && inclusions.stream().noneMatch(p -> p.matcher(e.message()).find())) return false;
    return exclusions.stream().noneMatch(p -> p.matcher(e.message()).find());
  }

  /** The event as this alert sends it: its summary and metadata added, the event's own keys kept. */
  public NotifyEvent decorate(NotifyEvent e) {
    if (summary == null && eventMetadata.isEmpty()) return e;
    Map<String, String> m = new LinkedHashMap<>(eventMetadata);
    if (summary != null) m.put("summary", summary);
    m.putAll(e.metadata());
    return new NotifyEvent(e.source(), e.severity(), e.reason(), e.message(), e.revision(), e.commit(), m,
        e.timestamp());
  }

  /** {@code *} matches any characters (Flux's {@code *} for every name is the common case). */
  private static Pattern glob(String name) {
    return Pattern.compile(java.util.Arrays.stream(name.split("\\*", -1))
        .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
        .collect(java.util.stream.Collectors.joining(".*")));
  }

  private static List<Pattern> patterns(String field, List<String> regexes) {
    if (regexes == null) return List.of();
    List<Pattern> out = new ArrayList<>();
    for (int i = 0; i < regexes.size(); i++) {
      try {
        out.add(Pattern.compile(regexes.get(i)));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(field + "[" + i + "]: not a regular expression: " + e.getDescription());
      }
    }
    return List.copyOf(out);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
