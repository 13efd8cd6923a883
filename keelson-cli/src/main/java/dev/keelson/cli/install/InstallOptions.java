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
 * @param replicas the controller's replicas
 * @param pdb the API version of the PodDisruptionBudget
 */
public record InstallOptions(String namespace, String image, Set<String> watched, ControllerRbac.Managed managed,
    ControllerRbac.Features features, boolean sealedSecretsCrd, int replicas, PdbVersion pdb) {
  /** The image published for this version; docs/install.md says how to build and push another. */
  public static final String DEFAULT_IMAGE = "ghcr.io/keelson/keelson:0.1.0";
  public static final String DEFAULT_NAMESPACE = "keelson-system";

  /**
   * The PodDisruptionBudget's API: policy/v1 from Kubernetes 1.21 on (v1beta1 is gone in 1.25),
   * v1beta1 for older servers such as the local 1.20 cluster; the same fields in both.
   */
  public enum PdbVersion {
    V1("policy/v1"), V1BETA1("policy/v1beta1");

    public final String apiVersion;

    PdbVersion(String apiVersion) {
      this.apiVersion = apiVersion;
    }
  }

  public InstallOptions {
    if (namespace == null || !namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      throw new IllegalArgumentException("--namespace: not a namespace name: '" + namespace + "'");
    }
    if (image == null || image.isBlank()) throw new IllegalArgumentException("--image: empty");
    if (replicas < 1) throw new IllegalArgumentException("--replicas: at least 1, not " + replicas);
    java.util.Objects.requireNonNull(pdb, "pdb");
    watched = Set.copyOf(new TreeSet<>(watched));
  }

  public static InstallOptions defaults() {
    return new InstallOptions(DEFAULT_NAMESPACE, DEFAULT_IMAGE, Set.of(), ControllerRbac.Managed.ALL,
        ControllerRbac.Features.DEFAULTS, true, 2, PdbVersion.V1);
  }

  public InstallOptions withNamespace(String ns) {
    return new InstallOptions(ns, image, watched, managed, features, sealedSecretsCrd, replicas, pdb);
  }

  public InstallOptions withImage(String ref) {
    return new InstallOptions(namespace, ref, watched, managed, features, sealedSecretsCrd, replicas, pdb);
  }

  public InstallOptions withWatched(Set<String> ns) {
    return new InstallOptions(namespace, image, ns, managed, features, sealedSecretsCrd, replicas, pdb);
  }

  public InstallOptions withManaged(ControllerRbac.Managed m) {
    return new InstallOptions(namespace, image, watched, m, features, sealedSecretsCrd, replicas, pdb);
  }

  public InstallOptions withFeatures(ControllerRbac.Features f) {
    return new InstallOptions(namespace, image, watched, managed, f, sealedSecretsCrd, replicas, pdb);
  }

  public InstallOptions withSealedSecretsCrd(boolean on) {
    return new InstallOptions(namespace, image, watched, managed, features, on, replicas, pdb);
  }

  /** The controller's replicas: one active and one standby by leader election, or N sharing the apps. */
  public InstallOptions withReplicas(int n) {
    return new InstallOptions(namespace, image, watched, managed, features, sealedSecretsCrd, n, pdb);
  }

  public InstallOptions withPdb(PdbVersion version) {
    return new InstallOptions(namespace, image, watched, managed, features, sealedSecretsCrd, replicas, version);
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
