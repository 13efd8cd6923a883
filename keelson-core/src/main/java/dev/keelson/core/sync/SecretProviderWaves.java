package dev.keelson.core.sync;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An External Secrets Operator {@code ExternalSecret} goes one wave before the workloads of the
 * same app that use its target Secret, so they start only once the Secret exists (the wave waits
 * for the ExternalSecret's Ready condition) instead of crash-looping on a missing Secret. An
 * ExternalSecret that names its wave keeps it: waves the user wrote always win.
 */
public final class SecretProviderWaves {

  static final String GROUP = "external-secrets.io";

  private SecretProviderWaves() {}

  /** The hints with the waves of ExternalSecrets moved; the map given is not changed. */
  public static Map<ResourceKey, SyncHints> adjust(List<Manifest> resources, Map<ResourceKey, SyncHints> hints) {
    Map<String, Integer> firstUse = new HashMap<>();
    for (Manifest m : resources) {
      SyncHints h = hints.get(m.key());
      if (h == null) continue;
      for (String secret : SecretUses.of(m)) {
        firstUse.merge(m.key().namespace() + "/" + secret, h.wave(), Math::min);
      }
    }
    if (firstUse.isEmpty()) return hints;
    Map<ResourceKey, SyncHints> out = new LinkedHashMap<>(hints);
    for (Manifest m : resources) {
      if (!GROUP.equals(m.key().group()) || !"ExternalSecret".equals(m.kind())) continue;
      SyncHints h = hints.get(m.key());
      if (h == null || SyncAnnotations.hasExplicitWave(m.body())) continue;
      Integer use = firstUse.get(m.key().namespace() + "/" + targetName(m));
      if (use != null && use - 1 < h.wave()) out.put(m.key(), h.withWave(use - 1));
    }
    return out;
  }

  /** {@code spec.target.name}, by default the ExternalSecret's own name (ESO's rule). */
  static String targetName(Manifest m) {
    if (m.body().get("spec") instanceof Map<?, ?> spec && spec.get("target") instanceof Map<?, ?> target
        && target.get("name") instanceof String name && !name.isBlank()) {
      return name;
    }
    return m.key().name();
  }

  /** The Secrets a workload's pods use: volumes, projected volumes, env, envFrom, image pull secrets. */
  static final class SecretUses {
    private SecretUses() {}

    static Set<String> of(Manifest m) {
      Map<?, ?> pod = podSpec(m);
      if (pod == null) return Set.of();
      Set<String> names = new HashSet<>();
      for (Object v : list(pod.get("volumes"))) {
        if (!(v instanceof Map<?, ?> volume)) continue;
        add(names, map(volume.get("secret")).get("secretName"));
        for (Object src : list(map(volume.get("projected")).get("sources"))) {
          add(names, map(map(src).get("secret")).get("name"));
        }
      }
      for (Object ref : list(pod.get("imagePullSecrets"))) add(names, map(ref).get("name"));
      for (String field : List.of("containers", "initContainers", "ephemeralContainers")) {
        for (Object c : list(pod.get(field))) {
          for (Object from : list(map(c).get("envFrom"))) add(names, map(map(from).get("secretRef")).get("name"));
          for (Object env : list(map(c).get("env"))) {
            add(names, map(map(map(env).get("valueFrom")).get("secretKeyRef")).get("name"));
          }
        }
      }
      return names;
    }

    private static Map<?, ?> podSpec(Manifest m) {
      Map<?, ?> spec = map(m.body().get("spec"));
      switch (m.kind()) {
        case "Pod":
          return m.key().group().isEmpty() ? spec : null;
        case "CronJob":
          return map(map(map(map(map(spec.get("jobTemplate")).get("spec")).get("template"))).get("spec"));
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController":
          return map(map(spec.get("template")).get("spec"));
        default:
          return null;
      }
    }

    private static void add(Set<String> names, Object name) {
      if (name instanceof String s && !s.isBlank()) names.add(s);
    }

    private static Map<?, ?> map(Object o) {
      return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object o) {
      return o instanceof List<?> l ? l : List.of();
    }
  }
}
