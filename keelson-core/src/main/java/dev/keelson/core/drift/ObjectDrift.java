package dev.keelson.core.drift;

import dev.keelson.core.model.ResourceKey;
import java.util.List;
import java.util.stream.Collectors;

/** How one live object differs from Git, field by field. */
public record ObjectDrift(ResourceKey key, List<FieldDrift> fields) {
  /** Fields a summary (status, events) names; the rest are counted. */
  public static final int SUMMARY_FIELDS = 5;

  public ObjectDrift {
    fields = List.copyOf(fields);
  }

  /** "spec.replicas (kubectl-edit), data.value (kubectl-patch)", bounded in length. */
  public String summary() {
    String named = fields.stream().limit(SUMMARY_FIELDS)
        .map(f -> f.path() + " (" + (f.manager().isEmpty() ? "no manager" : f.manager()) + ")")
        .collect(Collectors.joining(", "));
    return fields.size() > SUMMARY_FIELDS ? named + " and " + (fields.size() - SUMMARY_FIELDS) + " more" : named;
  }

  /** "spec.replicas 3 -> 5 by kubectl-edit at 12:01:07; ..." for events, bounded likewise. */
  public String sentences() {
    String named = fields.stream().limit(SUMMARY_FIELDS).map(FieldDrift::sentence).collect(Collectors.joining("; "));
    return fields.size() > SUMMARY_FIELDS ? named + "; and " + (fields.size() - SUMMARY_FIELDS) + " more" : named;
  }

  /**
   * An {@code ignoreDifferences} rule for the fields that other controllers own, ready to paste
   * under {@code spec}; empty when no field is a controller's.
   */
  public String ignoreRule() {
    List<String> pointers = fields.stream().filter(f -> f.classification() == Classification.Controller)
        .map(FieldDrift::pointer).distinct().toList();
    if (pointers.isEmpty()) return "";
    StringBuilder y = new StringBuilder("ignoreDifferences:\n");
    y.append("- group: \"").append(key.group()).append("\"\n");
    y.append("  kind: ").append(key.kind()).append('\n');
    y.append("  name: ").append(key.name()).append('\n');
    if (!key.namespace().isEmpty()) y.append("  namespace: ").append(key.namespace()).append('\n');
    y.append("  jsonPointers:\n");
    pointers.forEach(p -> y.append("  - ").append(p).append('\n'));
    return y.toString();
  }
}
