package dev.keelson.core.sync;

import java.util.Map;
import java.util.Set;

/**
 * Reads the sync hints an object's annotations carry: wave, hook phases, hook delete policies,
 * per-object sync options and compare options. Keelson's keys are read first, then Argo CD's and
 * Helm's (see {@link SyncAnnotationKeys}), so charts and manifests written for those tools sync
 * in the same order and with the same hooks.
 *
 * <p>Nothing here throws on user input: a value that cannot be read is named in
 * {@link SyncHints#warnings()} and its default is used, so one bad annotation is reported on its
 * object instead of stopping the whole sync.
 */
public final class SyncAnnotations {
  private SyncAnnotations() {}

  /** The hints of an object in the JSON model; {@link SyncHints#DEFAULTS} when it has none. */
  public static SyncHints parse(Map<String, Object> object) {
    AnnotationReader reader = new AnnotationReader(object);
    int wave = wave(reader);
    HookAnnotations.Hooks hooks = HookAnnotations.hooks(reader);
    var policies = HookAnnotations.deletePolicies(reader);
    if (policies.isEmpty() && GeneratedName.prefixOf(object) != null) {
      // each run has a name of its own, so there is never an earlier instance to delete before
      // creating one; without a policy the finished instances would pile up (Argo CD's default)
      policies = Set.of(HookDeletePolicy.HookSucceeded);
    }
    ObjectSyncOptions options = OptionAnnotations.syncOptions(reader);
    boolean ignoreExtraneous = OptionAnnotations.ignoreExtraneous(reader);
    if (OptionAnnotations.helmKeeps(reader)) {
      // Helm's "keep" leaves the object in place when the release stops declaring it or goes,
      // and the release no longer counts it as its own: it does not make the app OutOfSync
      options = options.withPrune(false).withDelete(false);
      ignoreExtraneous = true;
    }
    return new SyncHints(wave, hooks.phases(), policies, options, ignoreExtraneous, hooks.skip(),
        reader.warnings(), hooks.helmEvents());
  }

  /**
   * True when the object is a hook: its hook annotation names at least one phase. An object whose
   * annotation only says Skip (or a Helm test) is not a hook; it is an ordinary object left out.
   */
  /** True for Helm's test hooks ({@code test}, {@code test-success}), which only `app test` runs. */
  public static boolean isHelmTest(Map<String, Object> object) {
    return HookAnnotations.isHelmTest(new AnnotationReader(object));
  }

  public static boolean isHookAnnotated(Map<String, Object> object) {
    return !HookAnnotations.hooks(new AnnotationReader(object)).phases().isEmpty();
  }

  /** Whether the object names its wave itself (Keelson's, Argo CD's or Helm's annotation). */
  public static boolean hasExplicitWave(Map<String, Object> object) {
    return new AnnotationReader(object).first(SyncAnnotationKeys.SYNC_WAVE_KEYS).isPresent();
  }

  private static int wave(AnnotationReader reader) {
    return reader.first(SyncAnnotationKeys.SYNC_WAVE_KEYS).map(found -> {
      try {
        return Integer.parseInt(found.value().trim());
      } catch (NumberFormatException e) {
        reader.warn(found.key(), found.value(), "is not an integer; wave 0 is used");
        return 0;
      }
    }).orElse(0);
  }
}
