package dev.keelson.cli.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Argo CD's repository and credential template Secrets. Argo CD finds them by URL in its own
 * namespace; Keelson reads an Application's credentials from the Secret its source.secretRef
 * names, in the Application's namespace. So each Secret is copied, with the keys Keelson reads,
 * into the namespace of every Application whose repoURL it matches, and named there.
 */
final class ArgoRepoCredentials {
  /** Argo CD's keys that Keelson reads under the same name. */
  private static final List<String> COPIED = List.of("username", "password", "sshPrivateKey", "bearerToken");
  /** Argo CD's keys that describe the Secret rather than carry credentials. */
  private static final List<String> DESCRIPTIVE = List.of("url", "type", "name", "enableOCI");

  /** A repository (exact URL) or credential template (URL prefix) Secret. */
  private record Credential(ObjectRef ref, String url, boolean template, Map<String, String> keys, boolean base64) {}

  private final List<Credential> credentials = new ArrayList<>();
  private final Set<ObjectRef> used = new LinkedHashSet<>();
  private final Set<String> written = new LinkedHashSet<>();
  private final ImportReport report;

  ArgoRepoCredentials(ImportReport report) {
    this.report = report;
  }

  static boolean isCredentialSecret(Map<String, Object> object) {
    String type = ArgoClusterSecrets.secretType(object);
    return "v1".equals(object.get("apiVersion")) && "Secret".equals(object.get("kind"))
        && ("repository".equals(type) || "repo-creds".equals(type));
  }

  void add(Map<String, Object> object, Fields root) {
    boolean template = "repo-creds".equals(ArgoClusterSecrets.secretType(object));
    root.ignore("apiVersion", "kind", "type", "metadata");
    Map<String, String> data = root.stringMap("data");
    Map<String, String> stringData = root.stringMap("stringData");
    boolean base64 = data != null && stringData == null;
    Map<String, String> all = new LinkedHashMap<>();
    if (data != null) data.forEach((k, v) -> all.put(k, ArgoClusterSecrets.decode(v)));
    if (stringData != null) all.putAll(stringData);
    String field = base64 ? "data" : "stringData";
    Map<String, String> keys = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : all.entrySet()) {
      String key = e.getKey();
      if (COPIED.contains(key)) {
        keys.put(key, base64 ? data.get(key) : e.getValue());
      } else if (key.equals("project")) {
        root.warn(field + "." + key, "Keelson has no project-scoped repositories; not carried over");
      } else if (!DESCRIPTIVE.contains(key)) {
        root.warn(field + "." + key, "Keelson does not read it; not carried over");
      }
    }
    if (keys.containsKey("sshPrivateKey")) {
      root.warn(field + ".sshPrivateKey", "Keelson checks SSH host keys strictly: add known_hosts to the copied"
          + " Secret (Argo CD keeps them in the ConfigMap argocd-ssh-known-hosts-cm)");
    }
    credentials.add(new Credential(root.object(), all.get("url"), template, keys, base64));
    root.finish();
  }

  /**
   * Names the credentials Secret in a converted Application's source, or in an ApplicationSet
   * template's; the Secret goes into {@code out} ahead of the object.
   */
  @SuppressWarnings("unchecked")
  void attachTo(Map<String, Object> converted, List<Map<String, Object>> out) {
    Map<String, Object> spec = (Map<String, Object>) converted.get("spec");
    if (spec == null) return;
    if (KeelsonKinds.APPLICATION_SET.equals(converted.get("kind"))) {
      spec = spec.get("template") instanceof Map<?, ?> t && t.get("spec") instanceof Map<?, ?> ts
          ? (Map<String, Object>) ts : null;
    }
    if (spec == null || !(spec.get("source") instanceof Map<?, ?> s)) return;
    Map<String, Object> source = (Map<String, Object>) s;
    Object repoURL = source.get("repoURL");
    if (source.containsKey("secretRef") || repoURL == null || repoURL.toString().contains("{{")) return;
    String namespace = (String) ((Map<String, Object>) converted.get("metadata")).get("namespace");
    String secret = attach(repoURL.toString(), namespace, out);
    if (secret != null) source.put("secretRef", Map.of("name", secret));
  }

  /**
   * The credentials for a repoURL, as the name of the Secret to put into source.secretRef; the
   * Secret itself is added to {@code out} the first time an Application of that namespace needs it.
   */
  private String attach(String repoURL, String namespace, List<Map<String, Object>> out) {
    Credential c = find(repoURL);
    if (c == null) return null;
    used.add(c.ref());
    if (written.add(namespace + "/" + c.ref().name())) {
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("name", c.ref().name());
      if (namespace != null) metadata.put("namespace", namespace);
      Map<String, Object> secret = new LinkedHashMap<>();
      secret.put("apiVersion", "v1");
      secret.put("kind", "Secret");
      secret.put("metadata", metadata);
      secret.put("type", "Opaque");
      secret.put(c.base64() ? "data" : "stringData", c.keys());
      out.add(secret);
    }
    return c.ref().name();
  }

  void reportUnused() {
    for (Credential c : credentials) {
      if (!used.contains(c.ref())) {
        report.warn(c.ref(), "", "no Application of the input uses its URL; left out");
      }
    }
  }

  /** Argo CD's order: the repository of exactly this URL, else the template with the longest matching prefix. */
  private Credential find(String repoURL) {
    if (repoURL == null) return null;
    String url = normalize(repoURL);
    Credential best = null;
    for (Credential c : credentials) {
      if (c.url() == null) continue;
      String candidate = normalize(c.url());
      if (!c.template() && candidate.equals(url)) return c;
      if (c.template() && url.startsWith(candidate)
          && (best == null || candidate.length() > normalize(best.url()).length())) {
        best = c;
      }
    }
    return best;
  }

  /** As Argo CD compares repository URLs: case-insensitive, without a trailing .git or slash. */
  private static String normalize(String url) {
    String u = url.trim().toLowerCase(Locale.ROOT);
    if (u.startsWith("oci://")) u = u.substring("oci://".length());
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    if (u.endsWith(".git")) u = u.substring(0, u.length() - 4);
    return u;
  }
}
