package dev.keelson.cli.imports;

import static dev.keelson.cli.imports.ArgoAppSpec.putIfSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An Argo CD AppProject as Keelson's, which has Argo CD's field names for what it supports. */
final class ArgoAppProjects {
  private static final List<String> WINDOW_FIELDS = List.of("kind", "schedule", "duration", "applications",
      "namespaces", "clusters", "manualSync", "timeZone");

  private ArgoAppProjects() {}

  static Map<String, Object> convert(Fields root, ImportOptions options) {
    root.ignore("apiVersion", "kind", "status");
    Fields meta = root.object("metadata");
    Map<String, Object> metadata = meta == null ? new LinkedHashMap<>()
        : Metadata.read(meta, ArgoCdImporter.namespace(root, options));
    if (meta != null) {
      // Argo CD's project finalizer keeps a project while Applications use it; Keelson's has none.
      List<String> finalizers = meta.strings("finalizers");
      if (finalizers != null && !finalizers.isEmpty()) meta.warn("finalizers", "not carried over");
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    Fields s = root.object("spec");
    if (s != null) {
      putIfSet(spec, "description", s.string("description"));
      putIfSet(spec, "sourceRepos", s.strings("sourceRepos"));
      putIfSet(spec, "destinations", entries(s.objects("destinations"), List.of("server", "name", "namespace")));
      for (String key : List.of("clusterResourceWhitelist", "clusterResourceBlacklist",
          "namespaceResourceWhitelist", "namespaceResourceBlacklist")) {
        putIfSet(spec, key, entries(s.objects(key), List.of("group", "kind")));
      }
      putIfSet(spec, "syncWindows", entries(s.objects("syncWindows"), WINDOW_FIELDS));
      putIfSet(spec, "sourceNamespaces", s.strings("sourceNamespaces"));
      putIfSet(spec, "destinationServiceAccounts", entries(s.objects("destinationServiceAccounts"),
          List.of("server", "namespace", "defaultServiceAccount")));
      s.drop("roles", "Keelson has no project roles; grant access with Kubernetes RBAC on Applications");
      s.drop("signatureKeys", "Keelson does not verify commit signatures; not carried over");
      s.drop("orphanedResources", "Keelson does not monitor orphaned resources; not carried over");
    }
    return Metadata.object(KeelsonKinds.APP_PROJECT, metadata, spec);
  }

  /** Entries whose fields keep their names; any other field of an entry is reported. */
  private static List<Map<String, Object>> entries(List<Fields> in, List<String> fields) {
    if (in.isEmpty()) return null;
    List<Map<String, Object>> out = new ArrayList<>();
    for (Fields e : in) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String f : fields) putIfSet(m, f, e.raw(f));
      out.add(m);
    }
    return out;
  }
}
