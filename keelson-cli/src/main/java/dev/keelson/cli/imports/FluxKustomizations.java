package dev.keelson.cli.imports;

import static dev.keelson.cli.imports.ArgoAppSpec.putIfSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Flux Kustomization and the GitRepository it reads as one Keelson Application of the
 * Kustomization's name. Flux corrects drift on every reconcile, so the Application is automated
 * with selfHeal; it prunes as spec.prune says, and, as Flux's garbage collection does, deletes its
 * objects with it when it prunes.
 */
final class FluxKustomizations {
  static final String GROUP = "kustomize.toolkit.fluxcd.io";
  static final String KUSTOMIZE_OPTIONS = "Keelson builds the path's kustomization.yaml as it is; put this into it";
  static final String KUBECONFIG = "register the cluster with keelson cluster add and name it in"
      + " spec.destination.name; not carried over";

  private FluxKustomizations() {}

  /** The Application, or null when the Kustomization is left out (it says why). */
  static Map<String, Object> convert(Fields root, FluxSources sources, ImportOptions options) {
    ObjectRef self = root.object();
    Fields spec = root.object("spec");
    if (spec == null) {
      root.warnHere("has no spec; left out");
      return null;
    }
    FluxSources.Git git = gitSource(spec, sources, self);
    if (git == null) return null;
    root.ignore("apiVersion", "kind", "status");
    String namespace = Metadata.namespace(root, options);
    Fields meta = root.object("metadata");
    Map<String, Object> metadata = meta == null ? new LinkedHashMap<>() : Metadata.read(meta, namespace);
    if (meta != null) FluxSources.dropFinalizers(meta);

    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", git.url());
    putIfSet(source, "revision", git.revision());
    putIfSet(source, "path", FluxSources.path(spec.string("path")));
    if (git.secretName() != null) {
      source.put("secretRef", Map.of("name", git.secretName()));
      FluxSources.checkSecretNamespace(root, "spec.sourceRef", git.secretName(), git.ref(), namespace);
    }
    out.put("source", source);

    String targetNamespace = spec.string("targetNamespace");
    if (targetNamespace != null) {
      out.put("destination", Map.of("namespace", targetNamespace));
      spec.warn("targetNamespace", "written as spec.destination.namespace, which Keelson gives only to objects"
          + " without a namespace (Flux sets it on every namespaced object)");
    }
    spec.drop("kubeConfig", KUBECONFIG);

    Fields postBuild = spec.object("postBuild");
    if (postBuild != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      putIfSet(p, "substitute", postBuild.stringMap("substitute"));
      List<Map<String, Object>> from = new ArrayList<>();
      for (Fields f : postBuild.objects("substituteFrom")) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfSet(m, "kind", f.string("kind"));
        putIfSet(m, "name", f.string("name"));
        putIfSet(m, "optional", f.bool("optional"));
        from.add(m);
      }
      if (!from.isEmpty()) p.put("substituteFrom", from);
      out.put("postBuild", p);
    }
    Fields decryption = spec.object("decryption");
    if (decryption != null) {
      Map<String, Object> d = new LinkedHashMap<>();
      putIfSet(d, "provider", decryption.string("provider"));
      Fields secretRef = decryption.object("secretRef");
      if (secretRef != null) d.put("secretRef", Map.of("name", secretRef.string("name")));
      out.put("decryption", d);
    }

    boolean prune = Boolean.TRUE.equals(spec.bool("prune"));
    Map<String, Object> automated = new LinkedHashMap<>();
    automated.put("prune", prune);
    automated.put("selfHeal", true);
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("automated", automated);
    String retryInterval = spec.string("retryInterval");
    if (retryInterval != null) policy.put("retry", retry(retryInterval));
    out.put("syncPolicy", policy);

    putIfSet(out, "interval", spec.string("interval"));
    putIfSet(out, "suspend", spec.bool("suspend"));
    putIfSet(out, "serviceAccountName", spec.string("serviceAccountName"));
    List<Map<String, Object>> dependsOn = dependsOn(spec, self.namespace(), namespace, options);
    if (!dependsOn.isEmpty()) out.put("dependsOn", dependsOn);
    List<Fields> exprs = spec.objects("healthCheckExprs");
    if (!exprs.isEmpty()) {
      List<Map<String, Object>> rules = new ArrayList<>();
      for (Fields e : exprs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : List.of("apiVersion", "kind", "current", "inProgress", "failed")) {
          putIfSet(m, key, e.string(key));
        }
        rules.add(m);
      }
      out.put("healthChecks", rules);
    }

    boolean deletes = prune;
    String deletionPolicy = spec.string("deletionPolicy");
    if ("Delete".equals(deletionPolicy)) {
      deletes = true;
    } else if ("Orphan".equals(deletionPolicy)) {
      deletes = false;
    } else if ("WaitForTermination".equals(deletionPolicy)) {
      spec.warn("deletionPolicy", "Keelson deletes the objects without waiting for them to go");
    }
    if (deletes) metadata.put("finalizers", List.of(KeelsonKinds.RESOURCES_FINALIZER));

    Boolean wait = spec.bool("wait");
    if (Boolean.FALSE.equals(wait)) {
      spec.warn("wait", "Keelson assesses the health of every object it applies; not carried over");
    }
    spec.drop("healthChecks", "Keelson assesses the health of every object it applies; not carried over");
    spec.drop("timeout", "Keelson has no deadline for a sync; not carried over");
    spec.drop("force", "Keelson does not recreate objects whose immutable fields changed; not carried over");
    for (String key : List.of("patches", "patchesStrategicMerge", "patchesJson6902", "images", "components",
        "ignoreMissingComponents", "namePrefix", "nameSuffix", "commonMetadata")) {
      spec.drop(key, KUSTOMIZE_OPTIONS);
    }
    return Metadata.object(KeelsonKinds.APPLICATION, metadata, out);
  }

  /** Flux retries a failed reconcile every retryInterval, without end. */
  static Map<String, Object> retry(String interval) {
    Map<String, Object> backoff = new LinkedHashMap<>();
    backoff.put("duration", interval);
    backoff.put("factor", 1);
    backoff.put("maxDuration", interval);
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("limit", -1);
    retry.put("backoff", backoff);
    return retry;
  }

  /**
   * Flux's dependsOn names objects of the same kind, which become Applications of the same names;
   * a namespace is written only where it differs from the Application's own.
   */
  static List<Map<String, Object>> dependsOn(Fields spec, String ownNamespace, String appNamespace,
      ImportOptions options) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Fields d : spec.objects("dependsOn")) {
      Map<String, Object> m = new LinkedHashMap<>();
      putIfSet(m, "name", d.string("name"));
      String depNamespace = d.string("namespace");
      String target = options.namespace() != null ? options.namespace()
          : depNamespace != null ? depNamespace : ownNamespace;
      if (target != null && !Objects.equals(target, appNamespace)) m.put("namespace", target);
      putIfSet(m, "readyExpr", d.string("readyExpr"));
      out.add(m);
    }
    return out;
  }

  private static FluxSources.Git gitSource(Fields spec, FluxSources sources, ObjectRef self) {
    Fields ref = spec.object("sourceRef");
    if (ref == null) {
      spec.warnHere("has no sourceRef; left out");
      return null;
    }
    String kind = ref.string("kind");
    String name = ref.string("name");
    String namespace = ref.string("namespace");
    ref.ignore("apiVersion");
    Object source = sources.find(kind, namespace != null ? namespace : self.namespace(), name);
    if (!"GitRepository".equals(kind)) {
      spec.warn("sourceRef", "Keelson reads manifests from Git repositories only, not from a " + kind
          + "; left out");
      return null;
    }
    if (!(source instanceof FluxSources.Git git)) {
      spec.warn("sourceRef", "GitRepository " + (namespace != null ? namespace : self.namespace() == null ? ""
          : self.namespace()) + (namespace != null || self.namespace() != null ? "/" : "") + name
          + " is not in the input; left out (import it together with the Kustomization)");
      return null;
    }
    return git;
  }
}
