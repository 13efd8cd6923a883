package dev.keelson.core.sync;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the hook phases and hook delete policies of an object, mapping Helm's names onto Argo CD's. */
final class HookAnnotations {
  /** Hook phases, and whether the object is not applied at all. */
  record Hooks(Set<SyncPhase> phases, boolean skip) {}

  private static final Map<String, SyncPhase> HELM_PHASES = Map.of(
      "pre-install", SyncPhase.PreSync,
      "pre-upgrade", SyncPhase.PreSync,
      "post-install", SyncPhase.PostSync,
      "post-upgrade", SyncPhase.PostSync,
      "post-delete", SyncPhase.PostDelete);

  /** Helm runs these only on `helm test`; Argo CD never applies them and neither does Keelson. */
  private static final Set<String> HELM_TESTS = Set.of("test", "test-success", "test-failure");

  /** Helm events a GitOps sync never goes through: there is no uninstall-before or rollback step. */
  private static final Set<String> HELM_WITHOUT_EQUIVALENT = Set.of("pre-delete", "pre-rollback", "post-rollback");

  private static final Map<String, HookDeletePolicy> HELM_POLICIES = Map.of(
      "hook-succeeded", HookDeletePolicy.HookSucceeded,
      "hook-failed", HookDeletePolicy.HookFailed,
      "before-hook-creation", HookDeletePolicy.BeforeHookCreation);

  private HookAnnotations() {}

  static Hooks hooks(AnnotationReader reader) {
    return reader.first(SyncAnnotationKeys.HOOK_KEYS)
        .map(found -> found.key().equals(SyncAnnotationKeys.HELM_HOOK) ? helm(found, reader) : own(found, reader))
        .orElse(new Hooks(Set.of(), false));
  }

  static Set<HookDeletePolicy> deletePolicies(AnnotationReader reader) {
    Set<HookDeletePolicy> policies = EnumSet.noneOf(HookDeletePolicy.class);
    reader.first(SyncAnnotationKeys.HOOK_DELETE_POLICY_KEYS).ifPresent(found -> {
      boolean helm = found.key().equals(SyncAnnotationKeys.HELM_HOOK_DELETE_POLICY);
      for (String item : found.items()) {
        HookDeletePolicy policy = helm ? HELM_POLICIES.get(item.toLowerCase(Locale.ROOT)) : policy(item);
        if (policy != null) {
          policies.add(policy);
        } else {
          reader.warn(found.key(), item, "is not a hook delete policy; ignored");
        }
      }
    });
    return policies;
  }

  private static Hooks own(AnnotationReader.Found found, AnnotationReader reader) {
    Set<SyncPhase> phases = EnumSet.noneOf(SyncPhase.class);
    boolean skip = false;
    for (String item : found.items()) {
      SyncPhase phase = SyncPhase.parse(item);
      if (phase != null) {
        phases.add(phase);
      } else if (item.equalsIgnoreCase("Skip")) {
        skip = true;
      } else {
        reader.warn(found.key(), item, "is not a hook phase; ignored");
      }
    }
    return withSkip(phases, skip, found, reader);
  }

  private static Hooks helm(AnnotationReader.Found found, AnnotationReader reader) {
    Set<SyncPhase> phases = EnumSet.noneOf(SyncPhase.class);
    boolean skip = false;
    for (String item : found.items()) {
      String name = item.toLowerCase(Locale.ROOT);
      if (HELM_PHASES.containsKey(name)) {
        phases.add(HELM_PHASES.get(name));
      } else if (HELM_TESTS.contains(name)) {
        skip = true;
      } else if (HELM_WITHOUT_EQUIVALENT.contains(name)) {
        reader.warn(found.key(), item, "has no equivalent in a sync; ignored");
      } else {
        reader.warn(found.key(), item, "is not a Helm hook; ignored");
      }
    }
    return withSkip(phases, skip, found, reader);
  }

  /**
   * As in Argo CD, skipping only holds when it is all the annotation says: an object that is also
   * a hook of some phase runs as that hook.
   */
  private static Hooks withSkip(
      Set<SyncPhase> phases, boolean skip, AnnotationReader.Found found, AnnotationReader reader) {
    if (skip && !phases.isEmpty()) {
      reader.warn(found.key(), found.value(), "names hook phases too; the object runs as a hook, not skipped");
      return new Hooks(phases, false);
    }
    return new Hooks(phases, skip);
  }

  private static HookDeletePolicy policy(String name) {
    for (HookDeletePolicy p : HookDeletePolicy.values()) {
      if (p.name().equalsIgnoreCase(name)) return p;
    }
    return null;
  }
}
