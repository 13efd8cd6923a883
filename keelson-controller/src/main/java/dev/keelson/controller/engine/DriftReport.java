package dev.keelson.controller.engine;

import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.core.drift.DriftExplainer;
import dev.keelson.core.drift.FieldDrift;
import dev.keelson.core.drift.ObjectDrift;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The explained drift of a comparison: every existing object that differs, field by field. */
final class DriftReport {
  private DriftReport() {}

  static List<ObjectDrift> of(List<ResourceState> states) {
    List<ObjectDrift> out = new ArrayList<>();
    for (ResourceState s : states) {
      ObjectDrift d = of(s);
      if (d != null) out.add(d);
    }
    return out;
  }

  /** The object's drift, or null when it is not an existing object that differs. */
  static ObjectDrift of(ResourceState s) {
    if (s.sync() != ResourceState.Sync.OutOfSync || s.live() == null || s.predicted() == null) return null;
    ObjectDrift d = DriftExplainer.explain(s.desired().key(), s.live(), s.predicted());
    return d.fields().isEmpty() ? null : d;
  }

  /** What status records of it, bounded to {@link ObjectDrift#SUMMARY_FIELDS} fields. */
  static ApplicationStatus.Drift view(ObjectDrift d) {
    ApplicationStatus.Drift v = new ApplicationStatus.Drift();
    for (FieldDrift f : d.fields().subList(0, Math.min(d.fields().size(), ObjectDrift.SUMMARY_FIELDS))) {
      ApplicationStatus.DriftField x = new ApplicationStatus.DriftField();
      x.path = f.path();
      x.manager = blankToNull(f.manager());
      x.operation = blankToNull(f.operation());
      x.time = blankToNull(f.time());
      x.classification = f.classification().name();
      v.fields.add(x);
    }
    int more = d.fields().size() - v.fields.size();
    v.more = more > 0 ? more : null;
    return v;
  }

  /** Which objects drift in which fields by whom: equal when an event would say the same again. */
  static String signature(List<ObjectDrift> drifts) {
    return drifts.stream().map(d -> d.key() + ":" + d.summary()).sorted().collect(Collectors.joining("|"));
  }

  /** The same signature of what the previous status recorded. */
  static String signature(ApplicationStatus old) {
    if (old == null || old.resources == null) return "";
    List<String> parts = new ArrayList<>();
    for (ApplicationStatus.ResourceStatus r : old.resources) {
      if (r.drift == null) continue;
      var key = new dev.keelson.core.model.ResourceKey(Objects.toString(r.group, ""), r.kind,
          Objects.toString(r.namespace, ""), r.name);
      String named = r.drift.fields.stream()
          .map(f -> f.path + " (" + (f.manager == null ? "no manager" : f.manager) + ")")
          .collect(Collectors.joining(", "));
      if (r.drift.more != null) named += " and " + r.drift.more + " more";
      parts.add(key + ":" + named);
    }
    return parts.stream().sorted().collect(Collectors.joining("|"));
  }

  /** Each drifted object and its fields, for an event. */
  static String sentences(List<ObjectDrift> drifts) {
    return drifts.stream().limit(ObjectDrift.SUMMARY_FIELDS).map(d -> d.key() + ": " + d.sentences())
        .collect(Collectors.joining("; "))
        + (drifts.size() > ObjectDrift.SUMMARY_FIELDS ? "; and " + (drifts.size() - ObjectDrift.SUMMARY_FIELDS)
            + " more object(s)" : "");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
