package dev.keelson.cli.imports;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Flux's source objects of the input, read once each: a GitRepository gives an Application its
 * repoURL, revision and credentials; a HelmRepository its repoURL and credentials. Keelson has
 * no source objects of its own, so sources are folded into the Applications that use them.
 */
final class FluxSources {
  static final String GROUP = "source.toolkit.fluxcd.io";

  /** A Git repository as a Keelson source: url, the revision Flux checks out, the credentials Secret. */
  record Git(ObjectRef ref, String url, String revision, String secretName) {}

  /** A Helm repository (https or OCI) and its credentials Secret. */
  record Helm(ObjectRef ref, String url, String secretName) {}

  /** A source kind Keelson cannot read; the objects that use it are left out. */
  record Unsupported(ObjectRef ref) {}

  private final Map<Key, Object> byKey = new LinkedHashMap<>();
  private final Set<Key> used = new LinkedHashSet<>();
  private final ImportReport report;

  private record Key(String kind, String namespace, String name) {}

  FluxSources(ImportReport report) {
    this.report = report;
  }

  /** Reads a source object; its unusable fields are reported now, in input order. */
  void add(Fields root) {
    ObjectRef ref = root.object();
    root.ignore("apiVersion", "kind", "status", "metadata");
    Object source = switch (ref.kind()) {
      case "GitRepository" -> git(root);
      case "HelmRepository" -> helm(root);
      default -> {
        root.ignore("spec");
        root.warn("metadata.name", "Keelson has no " + ref.kind() + " source; left out");
        yield new Unsupported(ref);
      }
    };
    root.finish();
    byKey.put(new Key(ref.kind(), ref.namespace(), ref.name()), source);
  }

  /** The source a sourceRef names, or null when it is not in the input. */
  Object find(String kind, String namespace, String name) {
    Key key = new Key(kind, namespace, name);
    Object s = byKey.get(key);
    if (s != null) used.add(key);
    return s;
  }

  /** Reports each usable source no Kustomization or HelmRelease of the input used. */
  void reportUnused() {
    byKey.forEach((key, source) -> {
      if (used.contains(key) || source instanceof Unsupported) return;
      report.warn(new ObjectRef(key.kind(), key.namespace(), key.name()), "metadata.name",
          "no Kustomization or HelmRelease of the input uses it; nothing converted");
    });
  }

  private static Git git(Fields root) {
    Fields spec = root.object("spec");
    if (spec == null) return new Git(root.object(), null, null, null);
    String url = spec.string("url");
    String revision = "master"; // Flux's default when spec.ref is absent
    Fields ref = spec.object("ref");
    if (ref != null) {
      String commit = ref.string("commit");
      String name = ref.string("name");
      String semver = ref.string("semver");
      String tag = ref.string("tag");
      String branch = ref.string("branch");
      // Flux's precedence: commit, then name, then semver, then tag, then branch.
      if (commit != null) {
        revision = commit;
      } else if (name != null) {
        revision = refName(ref, name);
      } else if (semver != null) {
        revision = semver;
      } else if (tag != null) {
        revision = tag;
      } else if (branch != null) {
        revision = branch;
      }
    }
    String secretName = secretName(spec, "secretRef");
    spec.ignore("interval");
    spec.drop("timeout", "Keelson's Git fetches have their own timeout; not carried over");
    spec.drop("ignore", "Keelson reads the files under the Application's path (directory.exclude narrows a"
        + " plain directory); not carried over");
    spec.drop("include", "Keelson reads one repository per Application; not carried over");
    spec.drop("recurseSubmodules", "Keelson does not check out submodules; not carried over");
    spec.drop("sparseCheckout", "Keelson reads only the Application's path anyway; not carried over");
    spec.drop("verify", "Keelson does not verify commit signatures; not carried over");
    spec.drop("proxySecretRef", "Keelson has no Git proxy settings; not carried over");
    String provider = spec.string("provider");
    if (provider != null && !provider.equals("generic")) {
      spec.warn("provider", "Keelson authenticates with the secretRef Secret only; not carried over");
    }
    spec.drop("suspend", "Keelson has no source objects; suspend the Applications instead");
    return new Git(root.object(), url, revision, secretName);
  }

  private static String refName(Fields ref, String name) {
    for (String prefix : List.of("refs/heads/", "refs/tags/")) {
      if (name.startsWith(prefix)) return name.substring(prefix.length());
    }
    ref.warn("name", "Keelson resolves branches, tags, commits and semver ranges; written as " + name);
    return name;
  }

  private static Helm helm(Fields root) {
    Fields spec = root.object("spec");
    if (spec == null) return new Helm(root.object(), null, null);
    String url = spec.string("url");
    String type = spec.string("type");
    if ("oci".equals(type) && url != null && !url.startsWith("oci://")) url = "oci://" + url;
    String secretName = secretName(spec, "secretRef");
    spec.ignore("interval");
    spec.drop("certSecretRef", "Keelson reads ca.crt from the secretRef Secret; put it there");
    spec.drop("passCredentials", "Keelson sends a repository's credentials to that repository only; not"
        + " carried over");
    spec.drop("insecure", "Keelson reaches Helm repositories over https (http on loopback only); not carried over");
    spec.drop("timeout", "Keelson's chart downloads have their own timeout; not carried over");
    String provider = spec.string("provider");
    if (provider != null && !provider.equals("generic")) {
      spec.warn("provider", "Keelson authenticates with the secretRef Secret only; not carried over");
    }
    spec.drop("accessFrom", "Keelson has no source objects to share; not carried over");
    spec.drop("suspend", "Keelson has no source objects; suspend the Applications instead");
    return new Helm(root.object(), url, secretName);
  }

  private static String secretName(Fields spec, String key) {
    Fields ref = spec.object(key);
    return ref == null ? null : ref.string("name");
  }

  /**
   * Where the Application's namespace is not the source's, the credentials Secret named by the
   * source must be copied: Keelson reads it from the Application's namespace.
   */
  static void checkSecretNamespace(Fields app, String path, String secretName, ObjectRef source,
      String appNamespace) {
    if (secretName != null && !Objects.equals(source.namespace(), appNamespace)) {
      app.warn(path, "copy the Secret " + (source.namespace() == null ? "" : source.namespace() + "/")
          + secretName + " to namespace " + appNamespace + ": Keelson reads credentials from the"
          + " Application's namespace");
    }
  }

  /** Flux's own finalizer goes with Flux; another controller's is reported. */
  static void dropFinalizers(Fields meta) {
    List<String> finalizers = meta.strings("finalizers");
    if (finalizers == null) return;
    for (int i = 0; i < finalizers.size(); i++) {
      if (!finalizers.get(i).equals("finalizers.fluxcd.io")) {
        meta.warn("finalizers[" + i + "]", "not carried over (a new object waits for no other controller)");
      }
    }
  }

  /** A sourceRef's path in a repository as Keelson writes it: no leading ./ or /, null for the root. */
  static String path(String fluxPath) {
    if (fluxPath == null) return null;
    String p = fluxPath.trim();
    while (p.startsWith("./") || p.startsWith("/")) p = p.substring(p.startsWith("./") ? 2 : 1);
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p.isEmpty() || p.equals(".") ? null : p;
  }
}
