package dev.keelson.core.drift;

import java.util.Locale;

/**
 * Who a field manager is, from its name: it is shown next to each drift so that a user can decide
 * what to do; nothing is decided from it.
 */
public enum Classification {
  /** A person with a tool: kubectl (edit, patch, scale, apply, label...), k9s, Lens, Helm. */
  Person,
  /** Another controller: kube-controller-manager (an HPA, the Deployment controller), an operator. */
  Controller,
  /**
   * No manager but Keelson owns the live value, or none at all: it was changed by a write that took
   * no ownership of the field (through the scale subresource on API servers before 1.22, by a
   * mutating admission webhook, by the API server itself) or removed.
   */
  Unattributed,
  /** A manager whose name says nothing known. */
  Unknown;

  static final String SELF = "keelson";

  public static Classification of(String manager) {
    if (manager == null || manager.isEmpty()) return Unattributed;
    String m = manager.toLowerCase(Locale.ROOT);
    if (m.startsWith("kubectl") || m.equals("k9s") || m.startsWith("lens") || m.equals("openlens") || m.equals("helm")
        || m.startsWith("mozilla") || m.equals("kubernetes-dashboard") || m.equals("k8s-dashboard")) {
      return Person;
    }
    if (m.equals("kube-controller-manager") || m.equals("kube-scheduler") || m.endsWith("-controller")
        || m.contains("controller") || m.endsWith("-operator") || m.contains("operator") || m.equals("manager")
        || m.contains("autoscaler") || m.contains("recommender") || m.equals("kube-apiserver")) {
      return Controller;
    }
    return Unknown;
  }
}
