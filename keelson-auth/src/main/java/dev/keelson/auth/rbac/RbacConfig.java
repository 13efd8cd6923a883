package dev.keelson.auth.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code keelson-rbac} ConfigMap, as Argo CD's argocd-rbac-cm.
 *
 * @param policyCsv {@code policy.csv}, then every {@code policy.<name>.csv} in key order
 * @param defaultRole {@code policy.default}: a role everyone has, e.g. {@code role:readonly}
 * @param scopes {@code scopes}: the OIDC claims whose values are the user's groups
 */
public record RbacConfig(String policyCsv, Optional<String> defaultRole, List<String> scopes) {
  public static final String CONFIG_MAP = "keelson-rbac";
  public static final List<String> DEFAULT_SCOPES = List.of("groups");

  public RbacConfig {
    scopes = List.copyOf(scopes);
  }

  public static RbacConfig empty() {
    return new RbacConfig("", Optional.empty(), DEFAULT_SCOPES);
  }

  public static RbacConfig fromData(Map<String, String> data) {
    Map<String, String> d = data == null ? Map.of() : data;
    StringBuilder csv = new StringBuilder(d.getOrDefault("policy.csv", ""));
    new TreeMap<>(d).forEach((k, v) -> {
      if (k.startsWith("policy.") && k.endsWith(".csv") && !k.equals("policy.csv")) csv.append('\n').append(v);
    });
    Optional<String> def = Optional.ofNullable(d.get("policy.default")).map(String::strip).filter(s -> !s.isEmpty());
    return new RbacConfig(csv.toString(), def, scopes(d.get("scopes")));
  }

  /** {@code [groups, email]}, as Argo CD writes it (a YAML flow list). */
  static List<String> scopes(String value) {
    if (value == null || value.isBlank()) return DEFAULT_SCOPES;
    String v = value.strip();
    if (v.startsWith("[") && v.endsWith("]")) v = v.substring(1, v.length() - 1);
    List<String> out = new ArrayList<>();
    for (String s : v.split(",")) {
      String t = s.strip().replaceAll("^[\"']|[\"']$", "");
      if (!t.isEmpty()) out.add(t);
    }
    return out.isEmpty() ? DEFAULT_SCOPES : out;
  }
}
