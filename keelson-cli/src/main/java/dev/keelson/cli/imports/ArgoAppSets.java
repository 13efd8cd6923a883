package dev.keelson.cli.imports;

import static dev.keelson.cli.imports.ArgoAppSpec.putIfSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Argo CD ApplicationSet as Keelson's: the same spec, with the template's Application spec
 * converted as an Application's is, and the generators Keelson lacks reported.
 */
final class ArgoAppSets {
  private ArgoAppSets() {}

  static Map<String, Object> convert(Fields root, ImportOptions options) {
    root.ignore("apiVersion", "kind", "status");
    Fields meta = root.object("metadata");
    Map<String, Object> metadata = meta == null ? new LinkedHashMap<>()
        : Metadata.read(meta, ArgoCdImporter.namespace(root, options));
    if (meta != null) {
      List<String> finalizers = meta.strings("finalizers");
      if (finalizers != null && !finalizers.isEmpty()) meta.warn("finalizers", "not carried over");
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    Fields s = root.object("spec");
    if (s != null) {
      List<Map<String, Object>> generators = new ArrayList<>();
      for (Fields g : s.objects("generators")) {
        Map<String, Object> converted = generator(g);
        if (converted != null) generators.add(converted);
      }
      spec.put("generators", generators);
      Fields template = s.object("template");
      if (template != null) spec.put("template", template(template));
      String patch = s.string("templatePatch");
      if (patch != null) {
        if (patch.contains("targetRevision")) {
          s.warn("templatePatch", "names targetRevision, which Keelson calls source.revision; carried over as"
              + " written (edit it)");
        }
        spec.put("templatePatch", patch);
      }
      putIfSet(spec, "goTemplate", s.bool("goTemplate"));
      putIfSet(spec, "goTemplateOptions", s.strings("goTemplateOptions"));
      Map<String, Object> policy = new LinkedHashMap<>();
      Fields p = s.object("syncPolicy");
      if (p != null) {
        putIfSet(policy, "applicationsSync", p.string("applicationsSync"));
        putIfSet(policy, "preserveResourcesOnDeletion", p.bool("preserveResourcesOnDeletion"));
      }
      List<Fields> ignores = s.objects("ignoreApplicationDifferences");
      if (!ignores.isEmpty()) {
        // Argo CD has them beside syncPolicy; Keelson inside it.
        List<Map<String, Object>> list = new ArrayList<>();
        for (Fields i : ignores) {
          Map<String, Object> rule = new LinkedHashMap<>();
          putIfSet(rule, "name", i.string("name"));
          List<String> pointers = i.strings("jsonPointers");
          if (pointers != null) {
            rule.put("jsonPointers", pointers.stream().map(ArgoAppSets::keelsonPointer).toList());
          }
          i.drop("jqPathExpressions", "Keelson refuses jqPathExpressions; use jsonPointers");
          list.add(rule);
        }
        policy.put("ignoreApplicationDifferences", list);
      }
      if (!policy.isEmpty()) spec.put("syncPolicy", policy);
      Fields strategy = s.object("strategy");
      if (strategy != null) spec.put("strategy", strategy(strategy));
      s.drop("preservedFields", "Keelson keeps the labels and annotations others add to a generated"
          + " Application; not carried over");
      s.drop("applyNestedSelectors", "Keelson always applies the selectors of nested generators; not carried over");
    }
    return Metadata.object(KeelsonKinds.APPLICATION_SET, metadata, spec);
  }

  /** Keelson's Application calls Argo CD's targetRevision revision. */
  private static String keelsonPointer(String pointer) {
    return pointer.replaceAll("(^|/)targetRevision($|/)", "$1revision$2");
  }

  private static Map<String, Object> generator(Fields g) {
    Map<String, Object> out = new LinkedHashMap<>();
    Fields list = g.object("list");
    if (list != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      putIfSet(m, "elements", list.raw("elements"));
      list.drop("elementsYaml", "Keelson's list generator reads elements only; not carried over");
      out.put("list", m);
    }
    Fields clusters = g.object("clusters");
    if (clusters != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      putIfSet(m, "selector", clusters.raw("selector"));
      putIfSet(m, "values", clusters.raw("values"));
      clusters.drop("flatList", "Keelson's clusters generator gives one parameter set per cluster; not carried over");
      out.put("clusters", m);
    }
    Fields git = g.object("git");
    if (git != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String key : List.of("repoURL", "revision", "directories", "files", "values", "pathParamPrefix")) {
        putIfSet(m, key, git.raw(key));
      }
      git.drop("requeueAfterSeconds", "Keelson evaluates generators at the set's spec.interval; not carried over");
      out.put("git", m);
    }
    for (String composite : List.of("matrix", "merge")) {
      Fields c = g.object(composite);
      if (c == null) continue;
      Map<String, Object> m = new LinkedHashMap<>();
      List<Map<String, Object>> children = new ArrayList<>();
      for (Fields child : c.objects("generators")) {
        Map<String, Object> converted = generator(child);
        if (converted != null) children.add(converted);
      }
      m.put("generators", children);
      putIfSet(m, "mergeKeys", c.strings("mergeKeys"));
      out.put(composite, m);
    }
    for (String missing : List.of("scmProvider", "pullRequest", "clusterDecisionResource", "plugin")) {
      g.drop(missing, "Keelson has no " + missing + " generator; not carried over");
    }
    g.drop("template", "Keelson's generators have no template of their own; not carried over");
    putIfSet(out, "selector", g.raw("selector"));
    return out.isEmpty() || out.keySet().equals(java.util.Set.of("selector")) ? null : out;
  }

  private static Map<String, Object> template(Fields t) {
    Map<String, Object> out = new LinkedHashMap<>();
    Fields meta = t.object("metadata");
    if (meta != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      putIfSet(m, "name", meta.string("name"));
      putIfSet(m, "namespace", meta.string("namespace"));
      putIfSet(m, "labels", meta.stringMap("labels"));
      putIfSet(m, "annotations", meta.stringMap("annotations"));
      List<String> finalizers = ArgoApplications.finalizers(meta);
      if (!finalizers.isEmpty()) m.put("finalizers", finalizers);
      out.put("metadata", m);
    }
    Fields spec = t.object("spec");
    if (spec != null) out.put("spec", ArgoAppSpec.convert(spec));
    return out;
  }

  private static Map<String, Object> strategy(Fields s) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIfSet(out, "type", s.string("type"));
    Fields rolling = s.object("rollingSync");
    if (rolling != null) {
      List<Map<String, Object>> steps = new ArrayList<>();
      for (Fields step : rolling.objects("steps")) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfSet(m, "matchExpressions", step.raw("matchExpressions"));
        putIfSet(m, "maxUpdate", step.raw("maxUpdate"));
        steps.add(m);
      }
      out.put("rollingSync", Map.of("steps", steps));
    }
    s.drop("deletionOrder", "Keelson does not stage deletions; not carried over");
    return out;
  }
}
