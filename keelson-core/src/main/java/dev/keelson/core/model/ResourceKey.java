package dev.keelson.core.model;

import java.util.Objects;

/**
 * Identity of a Kubernetes object independent of its API version: group, kind, namespace, name.
 * The empty string stands for the core group and for cluster-scoped objects' namespace.
 */
public record ResourceKey(String group, String kind, String namespace, String name)
    implements Comparable<ResourceKey> {

  public ResourceKey {
    group = group == null ? "" : group;
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** Group part of an apiVersion such as {@code apps/v1} ("apps") or {@code v1} (""). */
  public static String groupOf(String apiVersion) {
    int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** Version part of an apiVersion such as {@code apps/v1} ("v1"). */
  public static String versionOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }

  public boolean namespaced() {
    return !namespace.isEmpty();
  }

  public ResourceKey withNamespace(String ns) {
    return new ResourceKey(group, kind, ns, name);
  }

  public ResourceKey withName(String other) {
    return new ResourceKey(group, kind, namespace, other);
  }

  /**
   * Inventory entry id in Flux's format {@code <namespace>_<name>_<group>_<kind>}, so that tools
   * reading Flux inventories read Keelson's too.
   */
  public String inventoryId() {
    return namespace + "_" + name + "_" + group + "_" + kind;
  }

  public static ResourceKey fromInventoryId(String id) {
    String[] p = id.split("_", -1);
    if (p.length != 4) {
      throw new IllegalArgumentException("not an inventory id: " + id);
    }
    return new ResourceKey(p[2], p[3], p[0], p[1]);
  }

  /** Human form used in messages: {@code Deployment apps/web in namespace shop}. */
  @Override
  public String toString() {
    String gk = group.isEmpty() ? kind : kind + "." + group;
    return namespace.isEmpty() ? gk + "/" + name : gk + "/" + namespace + "/" + name;
  }

  @Override
  public int compareTo(ResourceKey o) {
    int c = group.compareTo(o.group);
    if (c == 0) c = kind.compareTo(o.kind);
    if (c == 0) c = namespace.compareTo(o.namespace);
    if (c == 0) c = name.compareTo(o.name);
    return c;
  }
}
