package dev.keelson.controller.app;

import dev.keelson.api.v1alpha1.HelmSource;
import dev.keelson.controller.app.PostBuildSettings.VariableRef;
import dev.keelson.helm.HelmFileParameter;
import dev.keelson.helm.HelmParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.source.chart} and {@code spec.source.helm} read into typed values, with Argo CD's
 * defaults: the release is named after the app and goes to the destination namespace, test hooks
 * are left out. Used for a chart from a Helm repository and for a Git path holding a chart alike.
 *
 * @param chart the chart's name in the Helm repository or OCI registry {@code repoURL} names; null
 *     for a chart in Git
 * @param valuesFrom ConfigMaps and Secrets in the Application's namespace whose key holds values
 * @param kubeVersion overrides the destination cluster's version; null to ask the cluster
 * @param apiVersions added to the API versions the destination cluster serves
 * @param upgrade render as an upgrade ({@code .Release.IsUpgrade}): the release was installed by
 *     an earlier sync. Not part of the spec: the engine sets it from the app's history.
 */
public record HelmSettings(
    String chart,
    String releaseName,
    String namespace,
    List<String> valueFiles,
    boolean ignoreMissingValueFiles,
    String values,
    Map<String, Object> valuesObject,
    List<HelmParameter> parameters,
    List<HelmFileParameter> fileParameters,
    List<ValuesRef> valuesFrom,
    String kubeVersion,
    List<String> apiVersions,
    boolean skipCrds,
    boolean skipTests,
    boolean upgrade) {

  /** Flux's valuesFrom entry: a key of a ConfigMap or Secret holding values. */
  public record ValuesRef(VariableRef object, String valuesKey, String targetPath) {
    public static final String DEFAULT_KEY = "values.yaml";
  }

  public HelmSettings {
    valueFiles = List.copyOf(valueFiles);
    valuesObject = valuesObject == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(valuesObject));
    parameters = List.copyOf(parameters);
    fileParameters = List.copyOf(fileParameters);
    valuesFrom = List.copyOf(valuesFrom);
    apiVersions = List.copyOf(apiVersions);
  }

  /**
   * @param spec {@code spec.source.helm}, or null
   * @throws IllegalArgumentException naming the field when the spec is unusable
   */
  static HelmSettings of(HelmSource spec, String chart, String appName, String destinationNamespace) {
    HelmSource h = spec == null ? new HelmSource() : spec;
    List<HelmParameter> parameters = new ArrayList<>();
    if (h.parameters != null) {
      for (int i = 0; i < h.parameters.size(); i++) {
        var p = h.parameters.get(i);
        if (p == null || blank(p.name)) {
          throw new IllegalArgumentException("spec.source.helm.parameters[" + i + "].name is required");
        }
        parameters.add(new HelmParameter(p.name, p.value == null ? "" : p.value, Boolean.TRUE.equals(p.forceString)));
      }
    }
    List<HelmFileParameter> files = new ArrayList<>();
    if (h.fileParameters != null) {
      for (int i = 0; i < h.fileParameters.size(); i++) {
        var p = h.fileParameters.get(i);
        if (p == null || blank(p.name) || blank(p.path)) {
          throw new IllegalArgumentException("spec.source.helm.fileParameters[" + i + "] needs name and path");
        }
        files.add(new HelmFileParameter(p.name, p.path));
      }
    }
    List<ValuesRef> valuesFrom = new ArrayList<>();
    if (h.valuesFrom != null) {
      for (int i = 0; i < h.valuesFrom.size(); i++) {
        var v = h.valuesFrom.get(i);
        String field = "spec.source.helm.valuesFrom[" + i + "]";
        if (v == null || blank(v.name)) throw new IllegalArgumentException(field + ".name is required");
        VariableRef.Kind kind;
        try {
          kind = VariableRef.Kind.valueOf(v.kind == null ? "" : v.kind);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(field + ".kind must be ConfigMap or Secret");
        }
        valuesFrom.add(new ValuesRef(new VariableRef(kind, v.name, Boolean.TRUE.equals(v.optional)),
            blank(v.valuesKey) ? ValuesRef.DEFAULT_KEY : v.valuesKey, blank(v.targetPath) ? null : v.targetPath));
      }
    }
    return new HelmSettings(
        blank(chart) ? null : chart.trim(),
        blank(h.releaseName) ? appName : h.releaseName,
        blank(h.namespace) ? destinationNamespace : h.namespace,
        h.valueFiles == null ? List.of() : h.valueFiles,
        Boolean.TRUE.equals(h.ignoreMissingValueFiles),
        blank(h.values) ? null : h.values,
        h.valuesObject,
        parameters,
        files,
        valuesFrom,
        blank(h.kubeVersion) ? null : h.kubeVersion.trim(),
        h.apiVersions == null ? List.of() : h.apiVersions,
        Boolean.TRUE.equals(h.skipCrds),
        h.skipTests == null || h.skipTests,
        false);
  }

  public HelmSettings asUpgrade(boolean value) {
    return new HelmSettings(chart, releaseName, namespace, valueFiles, ignoreMissingValueFiles, values, valuesObject,
        parameters, fileParameters, valuesFrom, kubeVersion, apiVersions, skipCrds, skipTests, value);
  }

  /** The same settings with test hooks rendered, for `keelson app test`. */
  public HelmSettings withTests() {
    return new HelmSettings(chart, releaseName, namespace, valueFiles, ignoreMissingValueFiles, values, valuesObject,
        parameters, fileParameters, valuesFrom, kubeVersion, apiVersions, skipCrds, false, upgrade);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
