package dev.keelson.controller.app;

import dev.keelson.api.v1alpha1.PostBuild;
import dev.keelson.core.substitute.SubstitutionOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code spec.postBuild} read into typed values. Part of what decides the rendered objects: equal
 * settings (and equal variables read through them) substitute equally.
 *
 * @param substitute the inline variables, overriding those read through {@code substituteFrom}
 * @param substituteFrom ConfigMaps and Secrets in the Application's namespace, in order
 * @param strict an unset variable without a default fails the revision
 */
public record PostBuildSettings(Map<String, String> substitute, List<VariableRef> substituteFrom, boolean strict) {

  public PostBuildSettings {
    substitute = Map.copyOf(substitute);
    substituteFrom = List.copyOf(substituteFrom);
  }

  /** A ConfigMap or Secret whose data keys are variables. */
  public record VariableRef(Kind kind, String name, boolean optional) {
    public enum Kind { ConfigMap, Secret }

    /** {@code ConfigMap/cluster-vars}, as messages name it. */
    @Override
    public String toString() {
      return kind + "/" + name;
    }
  }

  /** @throws IllegalArgumentException naming the field when the spec is unusable */
  static PostBuildSettings of(PostBuild spec) {
    Map<String, String> substitute = new TreeMap<>();
    if (spec.substitute != null) {
      for (Map.Entry<String, String> e : spec.substitute.entrySet()) {
        if (!SubstitutionOptions.VARIABLE_NAME.matcher(e.getKey()).matches()) {
          throw new IllegalArgumentException("spec.postBuild.substitute: invalid variable name \"" + e.getKey()
              + "\": must match " + SubstitutionOptions.VARIABLE_NAME.pattern());
        }
        substitute.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
      }
    }
    List<VariableRef> from = new ArrayList<>();
    if (spec.substituteFrom != null) {
      for (int i = 0; i < spec.substituteFrom.size(); i++) {
        PostBuild.SubstituteReference r = spec.substituteFrom.get(i);
        String field = "spec.postBuild.substituteFrom[" + i + "]";
        if (r == null || r.name == null || r.name.isBlank()) {
          throw new IllegalArgumentException(field + ".name is required");
        }
        VariableRef.Kind kind;
        if ("ConfigMap".equals(r.kind)) {
          kind = VariableRef.Kind.ConfigMap;
        } else if ("Secret".equals(r.kind)) {
          kind = VariableRef.Kind.Secret;
        } else {
          throw new IllegalArgumentException(field + ".kind must be ConfigMap or Secret, not " + r.kind);
        }
        from.add(new VariableRef(kind, r.name.trim(), Boolean.TRUE.equals(r.optional)));
      }
    }
    return new PostBuildSettings(substitute, from, !Boolean.FALSE.equals(spec.strict));
  }

  /** Never shows values. */
  @Override
  public String toString() {
    return "PostBuildSettings[substitute=" + substitute.keySet() + ", substituteFrom=" + substituteFrom
        + ", strict=" + strict + "]";
  }
}
