package dev.keelson.core.sync;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the hook phases and hook delete policies of an object, mapping Helm's names onto Argo CD's. */
final class HookAnnotations {
  /**
   * Hook phases, whether the object is not applied at all, and the Helm events of a Helm hook
   * (empty for Keelson's and Argo CD's hooks, which run in their phases on every sync).
   */
  record Hooks(Set<SyncPhase> phases, boolean skip, Set<HelmHookEvent> helmEvents) {}

  /** Helm runs these only on `helm test`; Argo CD never applies them and neither does Keelson. */
  private static final Set<String> HELM_TESTS = Set.of("test", "test-success", "test-failure");

  private static final Map<String, HookDeletePolicy> HELM_POLICIES = Map.of(
      "hook-succeeded", HookDeletePolicy.HookSucceeded,
      "hook-failed", HookDeletePolicy.HookFailed,
      "before-hook-creation", HookDeletePolicy.BeforeHookCreation);

  private HookAnnotations() {}

  static Hooks hooks(AnnotationReader reader) {
    return reader.first(SyncAnnotationKeys.HOOK_KEYS)
        .map(found -> found.key().equals(SyncAnnotationKeys.HELM_HOOK) ? helm(found, reader) : own(found, reader))
        .orElse(new Hooks(Set.of(), false, Set.of()));
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

  /** Helm's test hooks, which `keelson app test` runs and a sync never does. */
  static boolean isHelmTest(AnnotationReader reader) {
    return reader.first(List.of(SyncAnnotationKeys.HELM_HOOK))
        .map(found -> found.items().stream().anyMatch(i -> HELM_TESTS.contains(i.toLowerCase(Locale.ROOT))))
        .orElse(false);
  }

  private static Hooks helm(AnnotationReader.Found found, AnnotationReader reader) {
    Set<SyncPhase> phases = EnumSet.noneOf(SyncPhase.class);
    Set<HelmHookEvent> events = EnumSet.noneOf(HelmHookEvent.class);
    boolean skip = false;
    for (String item : found.items()) {
      HelmHookEvent event = HelmHookEvent.parse(item);
      if (event != null) {
        events.add(event);
        phases.add(event.phase());
      } else if (HELM_TESTS.contains(item.toLowerCase(Locale.ROOT))) {
        skip = true;
      } else {
        reader.warn(found.key(), item, "is not a Helm hook; ignored");
      }
    }
    Hooks hooks = withSkip(phases, skip, found, reader);
    return new Hooks(hooks.phases(), hooks.skip(), hooks.phases().isEmpty() ? Set.of() : events);
  }

  /**
   * As in Argo CD, skipping only holds when it is all the annotation says: an object that is also
   * a hook of some phase runs as that hook.
   */
  private static Hooks withSkip(
      Set<SyncPhase> phases, boolean skip, AnnotationReader.Found found, AnnotationReader reader) {
    if (skip && !phases.isEmpty()) {
      reader.warn(found.key(), found.value(), "names hook phases too; the object runs as a hook, not skipped");
      return new Hooks(phases, false, Set.of());
    }
    return new Hooks(phases, skip, Set.of());
  }

  private static HookDeletePolicy policy(String name) {
    for (HookDeletePolicy p : HookDeletePolicy.values()) {
      if (p.name().equalsIgnoreCase(name)) return p;
    }
    return null;
  }
}
