package dev.keelson.helm;

import dev.keelson.core.sync.ReleaseAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one chart is rendered: Argo CD's {@code spec.source.helm} fields, Flux's resolved {@code
 * valuesFrom}, and the destination cluster's capabilities.
 *
 * <p>Values are layered as Argo CD layers them, each layer overriding the ones before it, and
 * merged by Helm itself (maps deep-merged, everything else replaced):
 *
 * <ol>
 *   <li>the chart's own {@code values.yaml};
 *   <li>{@link #valueFiles}, in order;
 *   <li>{@link #valuesFrom}, in order;
 *   <li>{@link #values} (a YAML document);
 *   <li>{@link #valuesObject};
 *   <li>{@link #parameters} ({@code --set}, {@code --set-string}) and {@link #fileParameters}
 *       ({@code --set-file}), highest.
 * </ol>
 *
 * @param releaseName {@code .Release.Name}; required (the caller defaults it to the app's name)
 * @param namespace {@code .Release.Namespace}; null for {@code default} (never the kubeconfig's or
 *     the pod's namespace, so that the output does not depend on where it is rendered)
 * @param valueFiles values files relative to the chart's directory; they may be anywhere in the
 *     repository, never outside it
 * @param ignoreMissingValueFiles skip value files that do not exist instead of failing
 * @param valuesFrom resolved {@code valuesFrom} entries, in spec order
 * @param values a YAML document of values, or null
 * @param valuesObject values as a map, or null
 * @param parameters {@code --set}/{@code --set-string} assignments, in order
 * @param fileParameters {@code --set-file} assignments
 * @param kubeVersion {@code .Capabilities.KubeVersion} and what Chart.yaml's {@code kubeVersion}
 *     is checked against, e.g. {@code 1.29.3} or {@code v1.29.3}; null for Helm's default
 * @param apiVersions extra {@code .Capabilities.APIVersions} ({@code group/version} or {@code
 *     group/version/Kind}) on top of Helm's built-in set
 * @param skipCrds leave out the chart's {@code crds/} directories
 * @param skipTests leave out test hooks ({@code helm.sh/hook: test}/{@code test-success})
 * @param action what the sync is to the release: the first sync installs, later ones upgrade or
 *     roll back. It decides what {@code .Release.IsInstall} and {@code .Release.IsUpgrade} answer:
 *     an install as {@code helm template} renders; an upgrade or a rollback with the release
 *     already there ({@code IsUpgrade} true, {@code IsInstall} false). Null for install.
 * @param lookup what {@code lookup} may read; null for {@link LookupTarget#PROCESS_CLUSTER}
 */
public record HelmOptions(
    String releaseName,
    String namespace,
    List<String> valueFiles,
    boolean ignoreMissingValueFiles,
    List<ValuesFromEntry> valuesFrom,
    String values,
    Map<String, Object> valuesObject,
    List<HelmParameter> parameters,
    List<HelmFileParameter> fileParameters,
    String kubeVersion,
    List<String> apiVersions,
    boolean skipCrds,
    boolean skipTests,
    ReleaseAction action,
    LookupTarget lookup) {

  public HelmOptions {
    action = action == null ? ReleaseAction.Install : action;
    lookup = lookup == null ? LookupTarget.PROCESS_CLUSTER : lookup;
    Objects.requireNonNull(releaseName, "releaseName");
    if (releaseName.isBlank()) {
      throw new IllegalArgumentException("releaseName must not be blank");
    }
    valueFiles = valueFiles == null ? List.of() : List.copyOf(valueFiles);
    valuesFrom = valuesFrom == null ? List.of() : List.copyOf(valuesFrom);
    valuesObject = valuesObject == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(valuesObject));
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
    fileParameters = fileParameters == null ? List.of() : List.copyOf(fileParameters);
    apiVersions = apiVersions == null ? List.of() : List.copyOf(apiVersions);
    if (namespace != null && namespace.isBlank()) {
      namespace = null;
    }
    if (kubeVersion != null && kubeVersion.isBlank()) {
      kubeVersion = null;
    }
  }

  /** Whether templates see an existing release ({@code .Release.IsUpgrade}): every action but install. */
  public boolean upgrade() {
    return action != ReleaseAction.Install;
  }

  public static Builder builder(String releaseName) {
    return new Builder(releaseName);
  }

  public Builder toBuilder() {
    Builder b = new Builder(releaseName);
    b.namespace = namespace;
    b.valueFiles.addAll(valueFiles);
    b.ignoreMissingValueFiles = ignoreMissingValueFiles;
    b.valuesFrom.addAll(valuesFrom);
    b.values = values;
    b.valuesObject = valuesObject;
    b.parameters.addAll(parameters);
    b.fileParameters.addAll(fileParameters);
    b.kubeVersion = kubeVersion;
    b.apiVersions.addAll(apiVersions);
    b.skipCrds = skipCrds;
    b.skipTests = skipTests;
    b.action = action;
    b.lookup = lookup;
    return b;
  }

  /** Defaults as Argo CD's: no CRDs skipped, test hooks left out; an install. */
  public static final class Builder {
    private final String releaseName;
    private String namespace;
    private final List<String> valueFiles = new ArrayList<>();
    private boolean ignoreMissingValueFiles;
    private final List<ValuesFromEntry> valuesFrom = new ArrayList<>();
    private String values;
    private Map<String, Object> valuesObject;
    private final List<HelmParameter> parameters = new ArrayList<>();
    private final List<HelmFileParameter> fileParameters = new ArrayList<>();
    private String kubeVersion;
    private final List<String> apiVersions = new ArrayList<>();
    private boolean skipCrds;
    private boolean skipTests = true;
    private ReleaseAction action = ReleaseAction.Install;
    private LookupTarget lookup = LookupTarget.PROCESS_CLUSTER;

    private Builder(String releaseName) {
      this.releaseName = releaseName;
    }

    public Builder namespace(String v) { namespace = v; return this; }
    public Builder valueFiles(List<String> v) { valueFiles.addAll(v); return this; }
    public Builder valueFile(String v) { valueFiles.add(v); return this; }
    public Builder ignoreMissingValueFiles(boolean v) { ignoreMissingValueFiles = v; return this; }
    public Builder valuesFrom(ValuesFromEntry v) { valuesFrom.add(v); return this; }
    public Builder values(String v) { values = v; return this; }
    public Builder valuesObject(Map<String, Object> v) { valuesObject = v; return this; }
    public Builder parameter(String name, String value) { return parameter(new HelmParameter(name, value, false)); }
    public Builder parameter(HelmParameter v) { parameters.add(v); return this; }
    public Builder fileParameter(String name, String path) { fileParameters.add(new HelmFileParameter(name, path)); return this; }
    public Builder kubeVersion(String v) { kubeVersion = v; return this; }
    public Builder apiVersions(List<String> v) { apiVersions.addAll(v); return this; }
    public Builder skipCrds(boolean v) { skipCrds = v; return this; }
    public Builder skipTests(boolean v) { skipTests = v; return this; }
    public Builder action(ReleaseAction v) { action = v; return this; }
    public Builder lookup(LookupTarget v) { lookup = v; return this; }

    public HelmOptions build() {
      return new HelmOptions(releaseName, namespace, valueFiles, ignoreMissingValueFiles, valuesFrom,
          values, valuesObject, parameters, fileParameters, kubeVersion, apiVersions, skipCrds, skipTests, action, lookup);
    }
  }
}
