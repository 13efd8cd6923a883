package dev.keelson.cli.imports;

import dev.keelson.controller.app.SyncSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Argo CD Application spec as a Keelson Application spec. The names are mostly Argo CD's
 * already; what differs is {@code targetRevision} (Keelson's {@code revision}), a single source,
 * and the features Keelson lacks, which are reported.
 */
final class ArgoAppSpec {
  static final String KUSTOMIZE_OPTIONS = "Keelson builds the path's kustomization.yaml as it is; put this into it";

  private ArgoAppSpec() {}

  static Map<String, Object> convert(Fields spec) {
    Map<String, Object> out = new LinkedHashMap<>();
    String project = spec.string("project");
    if (project != null) out.put("project", project);

    Fields source = spec.object("source");
    List<Fields> sources = spec.objects("sources");
    if (source == null && !sources.isEmpty()) {
      // The first source that renders something; a source with only a ref holds value files for
      // another one and renders nothing by itself.
      source = sources.stream().filter(s -> !(s.has("ref") && !s.has("path") && !s.has("chart")))
          .findFirst().orElse(sources.get(0));
      for (Fields other : sources) {
        if (other != source) {
          other.ignore("repoURL", "path", "targetRevision", "chart", "ref", "helm", "kustomize", "directory",
              "plugin", "name");
          other.warnHere("Keelson Applications have one source; this one is not carried over"
              + " (make it an Application of its own)");
        }
      }
    } else if (source != null && !sources.isEmpty()) {
      spec.warn("sources", "Argo CD ignores sources when source is set; not carried over");
    }
    if (source != null) out.put("source", source(source));

    Fields destination = spec.object("destination");
    if (destination != null) {
      Map<String, Object> d = new LinkedHashMap<>();
      putIfSet(d, "server", destination.string("server"));
      putIfSet(d, "name", destination.string("name"));
      putIfSet(d, "namespace", destination.string("namespace"));
      if (!d.isEmpty()) out.put("destination", d);
    }

    Fields policy = spec.object("syncPolicy");
    if (policy != null) {
      Map<String, Object> p = syncPolicy(policy);
      if (!p.isEmpty()) out.put("syncPolicy", p);
    }

    List<Fields> ignores = spec.objects("ignoreDifferences");
    if (!ignores.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Fields i : ignores) {
        Map<String, Object> rule = new LinkedHashMap<>();
        putIfSet(rule, "group", i.string("group"));
        putIfSet(rule, "kind", i.string("kind"));
        putIfSet(rule, "name", i.string("name"));
        putIfSet(rule, "namespace", i.string("namespace"));
        putIfSet(rule, "jsonPointers", i.strings("jsonPointers"));
        putIfSet(rule, "managedFieldsManagers", i.strings("managedFieldsManagers"));
        i.drop("jqPathExpressions", "Keelson ignores fields by jsonPointers or managedFieldsManagers only;"
            + " not carried over");
        list.add(rule);
      }
      out.put("ignoreDifferences", list);
    }
    spec.drop("info", "Keelson Applications have no info entries; not carried over");
    spec.drop("revisionHistoryLimit", "Keelson keeps its own history length; not carried over");
    return out;
  }

  static Map<String, Object> source(Fields s) {
    Map<String, Object> out = new LinkedHashMap<>();
    String repoURL = s.string("repoURL");
    String chart = s.string("chart");
    if (chart != null && repoURL != null && !repoURL.contains("://")) {
      // Argo CD names an OCI registry without a scheme (its repository Secret says enableOCI);
      // Keelson tells OCI from a Helm repository by the scheme.
      s.warn("repoURL", "Argo CD names OCI registries without a scheme; written as oci://" + repoURL);
      repoURL = "oci://" + repoURL;
    }
    putIfSet(out, "repoURL", repoURL);
    putIfSet(out, "revision", s.string("targetRevision"));
    putIfSet(out, "path", s.string("path"));
    putIfSet(out, "chart", chart);

    Fields directory = s.object("directory");
    if (directory != null) {
      Map<String, Object> d = new LinkedHashMap<>();
      putIfSet(d, "recurse", directory.bool("recurse"));
      putIfSet(d, "include", directory.string("include"));
      putIfSet(d, "exclude", directory.string("exclude"));
      directory.drop("jsonnet", "Keelson does not render Jsonnet; not carried over");
      if (!d.isEmpty()) out.put("directory", d);
    }
    Fields helm = s.object("helm");
    if (helm != null) {
      Map<String, Object> h = helm(helm);
      if (!h.isEmpty()) out.put("helm", h);
    }
    Fields kustomize = s.object("kustomize");
    if (kustomize != null) {
      for (String key : List.of("namePrefix", "nameSuffix", "images", "commonLabels", "commonAnnotations",
          "commonAnnotationsEnvsubst", "labelWithoutSelector", "labelIncludeTemplates", "forceCommonLabels",
          "forceCommonAnnotations", "namespace", "replicas", "patches", "components", "ignoreMissingComponents",
          "kubeVersion", "apiVersions")) {
        kustomize.drop(key, KUSTOMIZE_OPTIONS);
      }
      kustomize.drop("version", "Keelson runs the kustomize on its path; not carried over");
    }
    s.drop("plugin", "Keelson has no config management plugins; not carried over");
    s.drop("ref", "Keelson Applications have one source; not carried over");
    s.drop("name", "Keelson Applications have one source; not carried over");
    return out;
  }

  private static Map<String, Object> helm(Fields helm) {
    Map<String, Object> h = new LinkedHashMap<>();
    putIfSet(h, "releaseName", helm.string("releaseName"));
    putIfSet(h, "namespace", helm.string("namespace"));
    List<String> valueFiles = helm.strings("valueFiles");
    if (valueFiles != null) {
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < valueFiles.size(); i++) {
        if (valueFiles.get(i).startsWith("$")) {
          helm.warn("valueFiles[" + i + "]", "a value file of another source; Keelson Applications have one"
              + " source; not carried over");
        } else if (valueFiles.get(i).contains("://")) {
          helm.warn("valueFiles[" + i + "]", "Keelson reads value files from the source's repository only; not"
              + " carried over");
        } else {
          kept.add(valueFiles.get(i));
        }
      }
      if (!kept.isEmpty()) h.put("valueFiles", kept);
    }
    putIfSet(h, "ignoreMissingValueFiles", helm.bool("ignoreMissingValueFiles"));
    if (helm.peek("values") instanceof Map<?, ?>) {
      // values written as an object rather than a YAML string: what valuesObject holds.
      putIfSet(h, "valuesObject", helm.raw("values"));
    } else {
      putIfSet(h, "values", helm.string("values"));
    }
    if (helm.has("valuesObject")) putIfSet(h, "valuesObject", helm.raw("valuesObject"));
    List<Fields> parameters = helm.objects("parameters");
    if (!parameters.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Fields p : parameters) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfSet(m, "name", p.string("name"));
        putIfSet(m, "value", p.string("value"));
        putIfSet(m, "forceString", p.bool("forceString"));
        list.add(m);
      }
      h.put("parameters", list);
    }
    List<Fields> fileParameters = helm.objects("fileParameters");
    if (!fileParameters.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Fields p : fileParameters) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfSet(m, "name", p.string("name"));
        putIfSet(m, "path", p.string("path"));
        list.add(m);
      }
      h.put("fileParameters", list);
    }
    putIfSet(h, "kubeVersion", helm.string("kubeVersion"));
    putIfSet(h, "apiVersions", helm.strings("apiVersions"));
    putIfSet(h, "skipCrds", helm.bool("skipCrds"));
    putIfSet(h, "skipTests", helm.bool("skipTests"));
    helm.drop("passCredentials", "Keelson sends a chart repository's credentials to that repository only;"
        + " not carried over");
    helm.drop("skipSchemaValidation", "Helm's schema validation stays on in Keelson;"
        + " not carried over");
    helm.drop("version", "Keelson renders with Helm 3; not carried over");
    return h;
  }

  private static Map<String, Object> syncPolicy(Fields policy) {
    Map<String, Object> out = new LinkedHashMap<>();
    Fields automated = policy.object("automated");
    if (automated != null) {
      Boolean enabled = automated.bool("enabled");
      Map<String, Object> a = new LinkedHashMap<>();
      putIfSet(a, "prune", automated.bool("prune"));
      putIfSet(a, "selfHeal", automated.bool("selfHeal"));
      automated.drop("allowEmpty", "Keelson syncs a revision that renders no objects like any other;"
          + " not carried over");
      if (!Boolean.FALSE.equals(enabled)) out.put("automated", a);
    }
    List<String> options = policy.strings("syncOptions");
    if (options != null) {
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < options.size(); i++) {
        if (SyncSettings.isKnownOption(options.get(i))) {
          kept.add(options.get(i));
        } else {
          policy.warn("syncOptions[" + i + "]", "Keelson has no sync option " + options.get(i) + "; not carried over");
        }
      }
      if (!kept.isEmpty()) out.put("syncOptions", kept);
    }
    Fields retry = policy.object("retry");
    if (retry != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      putIfSet(r, "limit", retry.number("limit"));
      Fields backoff = retry.object("backoff");
      if (backoff != null) {
        Map<String, Object> b = new LinkedHashMap<>();
        putIfSet(b, "duration", backoff.string("duration"));
        putIfSet(b, "factor", backoff.number("factor"));
        putIfSet(b, "maxDuration", backoff.string("maxDuration"));
        r.put("backoff", b);
      }
      retry.drop("refresh", "Keelson fetches the source at each interval; not carried over");
      out.put("retry", r);
    }
    policy.drop("managedNamespaceMetadata", "Keelson creates namespaces without extra metadata; declare the"
        + " Namespace in Git instead");
    return out;
  }

  static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) m.put(key, value);
  }
}
