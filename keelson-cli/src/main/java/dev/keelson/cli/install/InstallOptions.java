package dev.keelson.cli.install;

import dev.keelson.controller.runtime.ControllerRbac;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What `keelson install --controller` installs.
 *
 * @param namespace the controller's and the server's namespace (also of the Lease and the sealing keys)
 * @param image the image both Deployments run
 * @param watched namespaces the controller manages; empty: all (ClusterRole), else Roles in each
 * @param managed what the engine may apply (docs/install.md: "RBAC per feature")
 * @param features the controller features the rules are made for
 * @param sealedSecretsCrd whether the SealedSecret CRD is installed (false keeps an upstream one)
 */
public record InstallOptions(String namespace, String image, Set<String> watched, ControllerRbac.Managed managed,
    ControllerRbac.Features features, boolean sealedSecretsCrd) {
  /** The image published for this version; docs/install.md says how to build and push another. */
  public static final String DEFAULT_IMAGE = "ghcr.io/keelson/keelson:0.1.0";
  public static final String DEFAULT_NAMESPACE = "keelson-system";

  public InstallOptions {
    if (namespace == null || !namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      throw new IllegalArgumentException("--namespace: not a namespace name: '" + namespace + "'");
    }
    if (image == null || image.isBlank()) throw new IllegalArgumentException("--image: empty");
    watched = Set.copyOf(new TreeSet<>(watched));
  }

  public static InstallOptions defaults() {
    return new InstallOptions(DEFAULT_NAMESPACE, DEFAULT_IMAGE, Set.of(), ControllerRbac.Managed.ALL,
        ControllerRbac.Features.ALL, true);
  }

  public InstallOptions withNamespace(String ns) {
    return new InstallOptions(ns, image, watched, managed, features, sealedSecretsCrd);
  }

  public InstallOptions withImage(String ref) {
    return new InstallOptions(namespace, ref, watched, managed, features, sealedSecretsCrd);
  }

  public InstallOptions withWatched(Set<String> ns) {
    return new InstallOptions(namespace, image, ns, managed, features, sealedSecretsCrd);
  }

  public InstallOptions withManaged(ControllerRbac.Managed m) {
    return new InstallOptions(namespace, image, watched, m, features, sealedSecretsCrd);
  }

  public InstallOptions withFeatures(ControllerRbac.Features f) {
    return new InstallOptions(namespace, image, watched, managed, f, sealedSecretsCrd);
  }

  public InstallOptions withSealedSecretsCrd(boolean on) {
    return new InstallOptions(namespace, image, watched, managed, features, on);
  }

  /** Sorted, for stable output. */
  public List<String> watchedSorted() {
    return new TreeSet<>(watched).stream().toList();
  }

  /**
   * Cluster-scoped objects carry the namespace in their name unless it is the default one, so
   * that two installations (e.g. two namespaced ones) do not overwrite each other's.
   */
  public String clusterName(String base) {
    return namespace.equals(DEFAULT_NAMESPACE) ? base : base + "-" + namespace;
  }
}
