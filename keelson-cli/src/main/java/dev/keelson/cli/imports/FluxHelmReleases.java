package dev.keelson.cli.imports;

import static dev.keelson.cli.imports.ArgoAppSpec.putIfSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Flux HelmRelease and the HelmRepository or GitRepository its chart comes from as one Keelson
 * Application with a Helm source. Helm removes what a new chart version no longer renders, so the
 * Application prunes; it corrects drift only where Flux's drift detection did.
 */
final class FluxHelmReleases {
  static final String GROUP = "helm.toolkit.fluxcd.io";

  private FluxHelmReleases() {}

  static Map<String, Object> convert(Fields root, FluxSources sources, ImportOptions options) {
    ObjectRef self = root.object();
    Fields spec = root.object("spec");
    if (spec == null) {
      root.warnHere("has no spec; left out");
      return null;
    }
    if (spec.has("chartRef") && !spec.has("chart")) {
      spec.ignore("chartRef");
      spec.warn("chartRef", "Keelson reads charts through spec.chart.spec.sourceRef (a HelmRepository or"
          + " GitRepository); left out");
      return null;
    }
    Fields chart = spec.object("chart");
    Fields chartSpec = chart == null ? null : chart.object("spec");
    if (chartSpec == null) {
      spec.warnHere("has no spec.chart.spec; left out");
      return null;
    }
    Fields ref = chartSpec.object("sourceRef");
    String kind = ref == null ? null : ref.string("kind");
    String refName = ref == null ? null : ref.string("name");
    String refNamespace = ref == null ? null : ref.string("namespace");
    if (ref != null) ref.ignore("apiVersion");
    Object source = sources.find(kind, refNamespace != null ? refNamespace : self.namespace(), refName);
    if (!(source instanceof FluxSources.Helm) && !(source instanceof FluxSources.Git)) {
      String where = (refNamespace != null ? refNamespace + "/" : self.namespace() != null ? self.namespace() + "/" : "")
          + refName;
      chartSpec.warn("sourceRef", source == null
          ? kind + " " + where + " is not in the input; left out (import it together with the HelmRelease)"
          : "Keelson reads charts from a HelmRepository or a GitRepository, not from a " + kind + "; left out");
      return null;
    }
    root.ignore("apiVersion", "kind", "status");
    String namespace = Metadata.namespace(root, options);
    Fields meta = root.object("metadata");
    Map<String, Object> metadata = meta == null ? new LinkedHashMap<>() : Metadata.read(meta, namespace);
    if (meta != null) FluxSources.dropFinalizers(meta);
    // Deleting a HelmRelease uninstalls its release.
    metadata.put("finalizers", List.of(KeelsonKinds.RESOURCES_FINALIZER));

    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> src = new LinkedHashMap<>();
    Map<String, Object> helm = new LinkedHashMap<>();
    String chartName = chartSpec.string("chart");
    String version = chartSpec.string("version");
    String chartPath = null;
    String secretName;
    ObjectRef sourceRef;
    if (source instanceof FluxSources.Helm repo) {
      src.put("repoURL", repo.url());
      src.put("chart", chartName);
      // Flux's default "*" is any version: Keelson's default, the newest that is not a pre-release.
      if (version != null && !version.isBlank() && !version.equals("*")) src.put("revision", version);
      secretName = repo.secretName();
      sourceRef = repo.ref();
    } else {
      FluxSources.Git git = (FluxSources.Git) source;
      chartPath = FluxSources.path(chartName);
      src.put("repoURL", git.url());
      putIfSet(src, "revision", git.revision());
      putIfSet(src, "path", chartPath);
      if (version != null && !version.equals("*")) {
        chartSpec.warn("version", "a chart in Git is rendered at the source's revision; not carried over");
      }
      secretName = git.secretName();
      sourceRef = git.ref();
    }
    if (secretName != null) {
      src.put("secretRef", Map.of("name", secretName));
      FluxSources.checkSecretNamespace(root, "spec.chart.spec.sourceRef", secretName, sourceRef, namespace);
    }

    String targetNamespace = spec.string("targetNamespace");
    String releaseName = spec.string("releaseName");
    if (releaseName == null && targetNamespace != null) {
      // Flux names the release TARGETNAMESPACE-NAME; keeping that name keeps the objects' names.
      releaseName = targetNamespace + "-" + self.name();
      if (releaseName.length() > 53) {
        spec.warn("targetNamespace", "Flux shortens the release name " + releaseName + " with a hash; set"
            + " spec.source.helm.releaseName to the live release's name");
      }
    }
    putIfSet(helm, "releaseName", releaseName);
    List<String> valueFiles = new ArrayList<>();
    List<String> fluxValuesFiles = chartSpec.strings("valuesFiles");
    String single = chartSpec.string("valuesFile");
    if (single != null) valueFiles.add(single);
    if (fluxValuesFiles != null) valueFiles.addAll(fluxValuesFiles);
    if (!valueFiles.isEmpty()) {
      // Flux's paths are relative to the source's root for a chart in Git; Keelson's to the chart.
      String base = chartPath;
      helm.put("valueFiles", valueFiles.stream().map(f -> base == null ? f : relative(base, f)).toList());
    }
    putIfSet(helm, "ignoreMissingValueFiles", chartSpec.bool("ignoreMissingValuesFiles"));
    List<Map<String, Object>> valuesFrom = new ArrayList<>();
    for (Fields v : spec.objects("valuesFrom")) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String key : List.of("kind", "name", "valuesKey", "targetPath")) putIfSet(m, key, v.string(key));
      putIfSet(m, "optional", v.bool("optional"));
      valuesFrom.add(m);
    }
    if (!valuesFrom.isEmpty()) helm.put("valuesFrom", valuesFrom);
    putIfSet(helm, "valuesObject", spec.raw("values"));

    List<String> syncOptions = new ArrayList<>();
    Fields install = spec.object("install");
    if (install != null) {
      if (Boolean.TRUE.equals(install.bool("createNamespace"))) syncOptions.add("CreateNamespace=true");
      String crds = install.string("crds");
      if ("Skip".equals(crds) || Boolean.TRUE.equals(install.bool("skipCRDs"))) helm.put("skipCrds", true);
      install.drop("remediation", "Keelson retries a failed sync by spec.syncPolicy.retry; not carried over");
      install.drop("timeout", "Keelson has no deadline for a sync; not carried over");
      install.drop("disableWait", "Keelson assesses the health of every object it applies; not carried over");
      install.drop("disableWaitForJobs", "Keelson assesses the health of every object it applies; not carried over");
    }
    chartSpec.ignore("interval");
    String strategy = chartSpec.string("reconcileStrategy");
    if (strategy != null && !strategy.equals("ChartVersion")) {
      chartSpec.warn("reconcileStrategy", "Keelson renders a chart in Git at each new revision of the source;"
          + " not carried over");
    }
    chartSpec.drop("verify", "Keelson does not verify chart signatures; not carried over");
    if (chart != null) chart.drop("metadata", "Keelson has no chart objects to label; not carried over");

    if (!helm.isEmpty()) src.put("helm", helm);
    out.put("source", src);
    if (targetNamespace != null) out.put("destination", Map.of("namespace", targetNamespace));

    Map<String, Object> automated = new LinkedHashMap<>();
    automated.put("prune", true);
    List<Map<String, Object>> ignores = new ArrayList<>();
    automated.put("selfHeal", driftDetection(spec, ignores));
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("automated", automated);
    if (!syncOptions.isEmpty()) policy.put("syncOptions", syncOptions);
    out.put("syncPolicy", policy);
    putIfSet(out, "interval", spec.string("interval"));
    putIfSet(out, "suspend", spec.bool("suspend"));
    putIfSet(out, "serviceAccountName", spec.string("serviceAccountName"));
    List<Map<String, Object>> dependsOn = FluxKustomizations.dependsOn(spec, self.namespace(), namespace, options);
    if (!dependsOn.isEmpty()) out.put("dependsOn", dependsOn);
    if (!ignores.isEmpty()) out.put("ignoreDifferences", ignores);

    spec.drop("kubeConfig", FluxKustomizations.KUBECONFIG);
    spec.drop("storageNamespace", "Keelson keeps no Helm release records; not carried over");
    spec.drop("maxHistory", "Keelson keeps no Helm release records; not carried over");
    spec.drop("persistentClient", "not carried over");
    spec.drop("timeout", "Keelson has no deadline for a sync; not carried over");
    spec.drop("upgrade", "Keelson applies a new chart version with server-side apply; the upgrade options do not"
        + " apply");
    spec.drop("rollback", "Keelson does not roll back by itself (keelson app rollback does); not carried over");
    spec.drop("test", "Keelson runs a chart's tests with keelson app test; not carried over");
    spec.drop("uninstall", "Keelson deletes a release's objects with its resources finalizer; not carried over");
    spec.drop("postRenderers", "Keelson renders charts without post-renderers; not carried over");
    spec.drop("commonMetadata", "Keelson does not add labels or annotations to a chart's objects; not carried over");
    return Metadata.object(KeelsonKinds.APPLICATION, metadata, out);
  }

  /**
   * Flux corrects drift of a release only with driftDetection.mode enabled; its ignore rules are
   * Keelson's ignoreDifferences.
   */
  private static boolean driftDetection(Fields spec, List<Map<String, Object>> ignores) {
    Fields drift = spec.object("driftDetection");
    if (drift == null) return false;
    boolean enabled = "enabled".equals(drift.string("mode"));
    for (Fields rule : drift.objects("ignore")) {
      Map<String, Object> m = new LinkedHashMap<>();
      Fields target = rule.object("target");
      if (target != null) {
        for (String key : List.of("group", "kind", "name", "namespace")) putIfSet(m, key, target.string(key));
        target.ignore("version");
        target.drop("labelSelector", "Keelson's ignoreDifferences select by group, kind, name and namespace;"
            + " not carried over");
        target.drop("annotationSelector", "Keelson's ignoreDifferences select by group, kind, name and"
            + " namespace; not carried over");
      }
      putIfSet(m, "jsonPointers", rule.strings("paths"));
      ignores.add(m);
    }
    return enabled;
  }

  private static String relative(String chartPath, String file) {
    String normalized = FluxSources.path(file);
    if (normalized == null) return file;
    return Path.of(chartPath).relativize(Path.of(normalized)).toString();
  }
}
