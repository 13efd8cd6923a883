package dev.keelson.core.project;

/** A ServiceAccount an app acts as on its destination cluster. */
public record ServiceAccountRef(String namespace, String name) {

  /** The Kubernetes user name the API server knows the ServiceAccount by, for impersonation. */
  public String username() {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  /** The groups every ServiceAccount of the namespace belongs to, sent with the impersonated user. */
  public java.util.List<String> groups() {
    return java.util.List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
  }

  /**
   * {@code NAME} (in {@code defaultNamespace}) or {@code NAMESPACE:NAME}.
   *
   * @throws IllegalArgumentException when either part is empty
   */
  public static ServiceAccountRef parse(String text, String defaultNamespace) {
    String t = text.strip();
    int colon = t.indexOf(':');
    String ns = colon < 0 ? defaultNamespace : t.substring(0, colon).strip();
    String name = colon < 0 ? t : t.substring(colon + 1).strip();
    if (ns == null || ns.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' is not a ServiceAccount (NAME or NAMESPACE:NAME)");
    }
    return new ServiceAccountRef(ns, name);
  }

  @Override
  public String toString() {
    return "ServiceAccount " + namespace + "/" + name;
  }
}
