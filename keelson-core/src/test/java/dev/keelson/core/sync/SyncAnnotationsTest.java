package dev.keelson.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.diff.JsonValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyncAnnotationsTest {

  /** A Job carrying the given annotations (key, value, key, value...). */
  private static Map<String, Object> annotated(Object... kv) {
    Map<String, Object> annotations = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) annotations.put((String) kv[i], kv[i + 1]);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", "migrate");
    metadata.put("annotations", annotations);
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "batch/v1");
    object.put("kind", "Job");
    object.put("metadata", metadata);
    return object;
  }

  private static SyncHints parse(Object... kv) {
    return SyncAnnotations.parse(annotated(kv));
  }

  @Nested
  @DisplayName("without annotations")
  class Defaults {
    @Test
    @DisplayName("an object without annotations has the defaults")
    void none() {
      assertThat(SyncAnnotations.parse(Map.of("kind", "ConfigMap", "metadata", Map.of("name", "c"))))
          .isEqualTo(SyncHints.DEFAULTS);
    }

    @Test
    @DisplayName("unrelated annotations change nothing")
    void unrelated() {
      assertThat(parse("team", "payments", "keelson.dev/tracking-id", "x")).isEqualTo(SyncHints.DEFAULTS);
    }

    @Test
    @DisplayName("a null object, or metadata and annotations of the wrong type, read as none")
    void malformed() {
      assertThat(SyncAnnotations.parse(null)).isEqualTo(SyncHints.DEFAULTS);
      assertThat(SyncAnnotations.parse(Map.of("metadata", "oops"))).isEqualTo(SyncHints.DEFAULTS);
      assertThat(SyncAnnotations.parse(Map.of("metadata", Map.of("annotations", List.of("a")))))
          .isEqualTo(SyncHints.DEFAULTS);
    }
  }

  @Nested
  @DisplayName("wave")
  class Wave {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SyncAnnotationKeys.SYNC_WAVE, SyncAnnotationKeys.ARGOCD_SYNC_WAVE,
        SyncAnnotationKeys.HELM_HOOK_WEIGHT})
    @DisplayName("is read from Keelson's, Argo CD's and Helm's key")
    void eachKey(String key) {
      assertThat(parse(key, "3").wave()).isEqualTo(3);
    }

    @Test
    @DisplayName("may be negative, signed or padded")
    void signs() {
      assertThat(parse(SyncAnnotationKeys.SYNC_WAVE, "-5").wave()).isEqualTo(-5);
      assertThat(parse(SyncAnnotationKeys.SYNC_WAVE, "+2").wave()).isEqualTo(2);
      assertThat(parse(SyncAnnotationKeys.SYNC_WAVE, " 7 ").wave()).isEqualTo(7);
    }

    @Test
    @DisplayName("Keelson's key wins over Argo CD's, which wins over Helm's")
    void precedence() {
      assertThat(parse(SyncAnnotationKeys.HELM_HOOK_WEIGHT, "1", SyncAnnotationKeys.ARGOCD_SYNC_WAVE, "2",
          SyncAnnotationKeys.SYNC_WAVE, "3").wave()).isEqualTo(3);
      assertThat(parse(SyncAnnotationKeys.HELM_HOOK_WEIGHT, "1", SyncAnnotationKeys.ARGOCD_SYNC_WAVE, "2")
          .wave()).isEqualTo(2);
    }

    @Test
    @DisplayName("an unreadable value gives wave 0 and a warning naming the annotation and value")
    void unparsable() {
      SyncHints hints = parse(SyncAnnotationKeys.SYNC_WAVE, "early");

      assertThat(hints.wave()).isZero();
      assertThat(hints.warnings()).singleElement().asString()
          .contains(SyncAnnotationKeys.SYNC_WAVE).contains("\"early\"");
    }

    @Test
    @DisplayName("a value beyond the int range is unreadable")
    void overflow() {
      SyncHints hints = parse(SyncAnnotationKeys.ARGOCD_SYNC_WAVE, "99999999999");

      assertThat(hints.wave()).isZero();
      assertThat(hints.warnings()).singleElement().asString().contains("99999999999");
    }

    @Test
    @DisplayName("a number rather than a string (a locally parsed manifest) is read as its text")
    void numberValue() {
      assertThat(parse(SyncAnnotationKeys.SYNC_WAVE, -2).wave()).isEqualTo(-2);
      assertThat(parse(SyncAnnotationKeys.SYNC_WAVE, -2).warnings()).isEmpty();
    }

    @Test
    @DisplayName("a map or list value is warned about and passed over in favour of an alias")
    void structuredValue() {
      SyncHints hints = parse(SyncAnnotationKeys.SYNC_WAVE, Map.of("a", 1), SyncAnnotationKeys.ARGOCD_SYNC_WAVE, "4");

      assertThat(hints.wave()).isEqualTo(4);
      assertThat(hints.warnings()).singleElement().asString()
          .contains(SyncAnnotationKeys.SYNC_WAVE).contains("not a string");
    }
  }

  @Nested
  @DisplayName("hooks (Keelson and Argo CD names)")
  class Hooks {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SyncAnnotationKeys.HOOK, SyncAnnotationKeys.ARGOCD_HOOK})
    @DisplayName("reads a comma list of phases, case-insensitively and with spaces")
    void phases(String key) {
      SyncHints hints = parse(key, "presync, SYNC,PostSync , syncfail,predelete,PostDelete");

      assertThat(hints.hookPhases()).containsExactlyInAnyOrder(SyncPhase.values());
      assertThat(hints.isHook()).isTrue();
      assertThat(hints.skip()).isFalse();
      assertThat(hints.warnings()).isEmpty();
    }

    @Test
    @DisplayName("Skip alone: not a hook, not applied")
    void skip() {
      SyncHints hints = parse(SyncAnnotationKeys.ARGOCD_HOOK, "Skip");

      assertThat(hints.skip()).isTrue();
      assertThat(hints.isHook()).isFalse();
      assertThat(hints.warnings()).isEmpty();
    }

    @Test
    @DisplayName("Skip next to a phase is overruled by the phase, as in Argo CD, with a warning")
    void skipWithPhase() {
      SyncHints hints = parse(SyncAnnotationKeys.HOOK, "PreSync,Skip");

      assertThat(hints.hookPhases()).containsExactly(SyncPhase.PreSync);
      assertThat(hints.skip()).isFalse();
      assertThat(hints.warnings()).singleElement().asString().contains("PreSync,Skip");
    }

    @Test
    @DisplayName("an unknown value is warned about and the rest is kept")
    void unknown() {
      SyncHints hints = parse(SyncAnnotationKeys.HOOK, "PreSync,BeforeEverything");

      assertThat(hints.hookPhases()).containsExactly(SyncPhase.PreSync);
      assertThat(hints.warnings()).singleElement().asString()
          .contains(SyncAnnotationKeys.HOOK).contains("\"BeforeEverything\"");
    }

    @Test
    @DisplayName("an empty value makes no hook")
    void empty() {
      assertThat(parse(SyncAnnotationKeys.HOOK, " , ")).isEqualTo(SyncHints.DEFAULTS);
    }

    @Test
    @DisplayName("Keelson's key wins over Argo CD's, and an own key makes Helm's hook unread")
    void precedence() {
      SyncHints hints = parse(SyncAnnotationKeys.HELM_HOOK, "post-install", SyncAnnotationKeys.ARGOCD_HOOK, "Sync",
          SyncAnnotationKeys.HOOK, "SyncFail");

      assertThat(hints.hookPhases()).containsExactly(SyncPhase.SyncFail);
      assertThat(parse(SyncAnnotationKeys.HELM_HOOK, "post-install", SyncAnnotationKeys.ARGOCD_HOOK, "Sync")
          .hookPhases()).containsExactly(SyncPhase.Sync);
    }
  }

  @Nested
  @DisplayName("Helm hooks")
  class HelmHooks {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
      "pre-install, PreSync",
      "pre-upgrade, PreSync",
      "post-install, PostSync",
      "post-upgrade, PostSync",
      "post-delete, PostDelete",
      "pre-delete, PreDelete",
      "pre-rollback, PreSync",
      "post-rollback, PostSync",
    })
    @DisplayName("map onto phases")
    void mapped(String helm, SyncPhase phase) {
      SyncHints hints = parse(SyncAnnotationKeys.HELM_HOOK, helm);

      assertThat(hints.hookPhases()).containsExactly(phase);
      assertThat(hints.warnings()).isEmpty();
    }

    @Test
    @DisplayName("the usual install-and-upgrade pair gives one phase")
    void pair() {
      assertThat(parse(SyncAnnotationKeys.HELM_HOOK, "pre-install,pre-upgrade").hookPhases())
          .containsExactly(SyncPhase.PreSync);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"test", "test-success", "test-failure"})
    @DisplayName("test hooks are skipped")
    void tests(String helm) {
      SyncHints hints = parse(SyncAnnotationKeys.HELM_HOOK, helm);

      assertThat(hints.skip()).isTrue();
      assertThat(hints.isHook()).isFalse();
      assertThat(hints.warnings()).isEmpty();
    }

    @Test
    @DisplayName("install hooks run only when the release is installed, upgrade hooks only on upgrades, rollback hooks only on rollbacks")
    void byReleaseAction() {
      SyncHints installOnly = parse(SyncAnnotationKeys.HELM_HOOK, "pre-install");
      assertThat(installOnly.hookPhasesFor(ReleaseAction.Install)).containsExactly(SyncPhase.PreSync);
      assertThat(installOnly.hookPhasesFor(ReleaseAction.Upgrade)).isEmpty();
      assertThat(installOnly.hookPhasesFor(ReleaseAction.Rollback)).isEmpty();

      SyncHints both = parse(SyncAnnotationKeys.HELM_HOOK, "post-install,post-upgrade");
      assertThat(both.hookPhasesFor(ReleaseAction.Install)).containsExactly(SyncPhase.PostSync);
      assertThat(both.hookPhasesFor(ReleaseAction.Upgrade)).containsExactly(SyncPhase.PostSync);
      assertThat(both.hookPhasesFor(ReleaseAction.Rollback)).isEmpty();

      SyncHints rollback = parse(SyncAnnotationKeys.HELM_HOOK, "pre-rollback");
      assertThat(rollback.hookPhasesFor(ReleaseAction.Rollback)).containsExactly(SyncPhase.PreSync);
      assertThat(rollback.hookPhasesFor(ReleaseAction.Upgrade)).isEmpty();

      SyncHints deletion = parse(SyncAnnotationKeys.HELM_HOOK, "pre-delete,post-delete");
      assertThat(deletion.hookPhases()).containsExactlyInAnyOrder(SyncPhase.PreDelete, SyncPhase.PostDelete);
      for (ReleaseAction a : ReleaseAction.values()) assertThat(deletion.hookPhasesFor(a)).isEmpty();

      SyncHints argo = parse(SyncAnnotationKeys.ARGOCD_HOOK, "PreSync");
      for (ReleaseAction a : ReleaseAction.values()) assertThat(argo.hookPhasesFor(a)).containsExactly(SyncPhase.PreSync);
    }

    @Test
    @DisplayName("resource-policy keep: never pruned and never deleted")
    void keep() {
      SyncHints hints = parse(SyncAnnotationKeys.HELM_RESOURCE_POLICY, "keep");
      assertThat(hints.options().prune()).isFalse();
      assertThat(hints.options().delete()).isFalse();
      assertThat(hints.ignoreExtraneous()).as("left behind, it does not make the app OutOfSync").isTrue();
      assertThat(parse(SyncAnnotationKeys.HELM_RESOURCE_POLICY, "delete").options()).isEqualTo(ObjectSyncOptions.DEFAULTS);
    }

    @Test
    @DisplayName("an unknown value, such as Helm 2's crd-install, is warned about")
    void unknown() {
      SyncHints hints = parse(SyncAnnotationKeys.HELM_HOOK, "crd-install");

      assertThat(hints.isHook()).isFalse();
      assertThat(hints.warnings()).singleElement().asString().contains("\"crd-install\"");
    }
  }

  @Nested
  @DisplayName("hook delete policies")
  class DeletePolicies {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SyncAnnotationKeys.HOOK_DELETE_POLICY, SyncAnnotationKeys.ARGOCD_HOOK_DELETE_POLICY})
    @DisplayName("reads Argo CD's names")
    void own(String key) {
      SyncHints hints = parse(key, "HookSucceeded, hookfailed,BeforeHookCreation");

      assertThat(hints.deletePolicies()).containsExactlyInAnyOrder(HookDeletePolicy.values());
      assertThat(hints.warnings()).isEmpty();
    }

    @Test
    @DisplayName("reads Helm's names")
    void helm() {
      SyncHints hints = parse(SyncAnnotationKeys.HELM_HOOK_DELETE_POLICY, "hook-succeeded,before-hook-creation");

      assertThat(hints.deletePolicies())
          .containsExactlyInAnyOrder(HookDeletePolicy.HookSucceeded, HookDeletePolicy.BeforeHookCreation);
      assertThat(parse(SyncAnnotationKeys.HELM_HOOK_DELETE_POLICY, "hook-failed").deletePolicies())
          .containsExactly(HookDeletePolicy.HookFailed);
    }

    @Test
    @DisplayName("Helm's names under Argo CD's key, and the reverse, are not policies")
    void namesBelongToTheirKey() {
      assertThat(parse(SyncAnnotationKeys.ARGOCD_HOOK_DELETE_POLICY, "hook-succeeded").warnings()).hasSize(1);
      assertThat(parse(SyncAnnotationKeys.HELM_HOOK_DELETE_POLICY, "HookSucceeded").warnings()).hasSize(1);
    }

    @Test
    @DisplayName("Keelson's key wins over Argo CD's and Helm's")
    void precedence() {
      SyncHints hints = parse(SyncAnnotationKeys.HELM_HOOK_DELETE_POLICY, "hook-failed",
          SyncAnnotationKeys.ARGOCD_HOOK_DELETE_POLICY, "BeforeHookCreation",
          SyncAnnotationKeys.HOOK_DELETE_POLICY, "HookSucceeded");

      assertThat(hints.deletePolicies()).containsExactly(HookDeletePolicy.HookSucceeded);
    }

    @Test
    @DisplayName("none given: the effective policy is BeforeHookCreation")
    void defaults() {
      SyncHints hints = parse(SyncAnnotationKeys.HOOK, "PreSync");

      assertThat(hints.deletePolicies()).isEmpty();
      assertThat(hints.effectiveDeletePolicies()).containsExactly(HookDeletePolicy.BeforeHookCreation);
    }

    @Test
    @DisplayName("an unknown policy is warned about and the rest is kept")
    void unknown() {
      SyncHints hints = parse(SyncAnnotationKeys.HOOK_DELETE_POLICY, "HookSucceeded,Never");

      assertThat(hints.deletePolicies()).containsExactly(HookDeletePolicy.HookSucceeded);
      assertThat(hints.warnings()).singleElement().asString()
          .contains(SyncAnnotationKeys.HOOK_DELETE_POLICY).contains("\"Never\"");
    }
  }

  @Nested
  @DisplayName("sync options")
  class SyncOptions {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SyncAnnotationKeys.SYNC_OPTIONS, SyncAnnotationKeys.ARGOCD_SYNC_OPTIONS})
    @DisplayName("read every option Keelson acts on")
    void all(String key) {
      SyncHints hints = parse(key, "Prune=false,Delete=false,Replace=true,Force=true,ServerSideApply=true");

      assertThat(hints.options()).isEqualTo(new ObjectSyncOptions(false, false, true, true, true));
      assertThat(hints.warnings()).isEmpty();
    }

    @Test
    @DisplayName("ServerSideApply=false is kept as false, not as absent")
    void serverSideApplyFalse() {
      assertThat(parse(SyncAnnotationKeys.SYNC_OPTIONS, "ServerSideApply=false").options().serverSideApply())
          .isFalse();
      assertThat(parse(SyncAnnotationKeys.SYNC_OPTIONS, "Prune=false").options().serverSideApply()).isNull();
    }

    @Test
    @DisplayName("explicit defaults, other spellings and spaces are accepted")
    void lenient() {
      SyncHints hints = parse(SyncAnnotationKeys.SYNC_OPTIONS, " prune = FALSE , Replace=false,force=False");

      assertThat(hints.options()).isEqualTo(new ObjectSyncOptions(false, true, false, false, null));
      assertThat(hints.warnings()).isEmpty();
    }

    @Test
    @DisplayName("Argo CD options that change nothing here are accepted silently")
    void acceptedSilently() {
      SyncHints hints = parse(SyncAnnotationKeys.ARGOCD_SYNC_OPTIONS,
          "Validate=false,SkipDryRunOnMissingResource=true,CreateNamespace=true");

      assertThat(hints).isEqualTo(SyncHints.DEFAULTS);
    }

    @Test
    @DisplayName("Prune=confirm and Delete=confirm keep the object, with a warning that confirmation is unsupported")
    void confirm() {
      SyncHints hints = parse(SyncAnnotationKeys.ARGOCD_SYNC_OPTIONS, "Prune=confirm,Delete=confirm");

      assertThat(hints.options().prune()).isFalse();
      assertThat(hints.options().delete()).isFalse();
      assertThat(hints.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains("confirmation"));
    }

    @Test
    @DisplayName("an unknown option, a bad value or a missing value are warned about and the rest is kept")
    void unknown() {
      SyncHints hints = parse(SyncAnnotationKeys.SYNC_OPTIONS, "PruneLast=true,Replace=yes,Force,Prune=false");

      assertThat(hints.options()).isEqualTo(new ObjectSyncOptions(false, true, false, false, null));
      assertThat(hints.warnings()).hasSize(3);
      assertThat(hints.warnings().get(0)).contains(SyncAnnotationKeys.SYNC_OPTIONS).contains("\"PruneLast=true\"");
      assertThat(hints.warnings().get(1)).contains("\"Replace=yes\"");
      assertThat(hints.warnings().get(2)).contains("\"Force\"");
    }

    @Test
    @DisplayName("Keelson's key wins over Argo CD's: the two are not merged")
    void precedence() {
      SyncHints hints = parse(SyncAnnotationKeys.ARGOCD_SYNC_OPTIONS, "Prune=false",
          SyncAnnotationKeys.SYNC_OPTIONS, "Replace=true");

      assertThat(hints.options()).isEqualTo(new ObjectSyncOptions(true, true, true, false, null));
    }
  }

  @Nested
  @DisplayName("compare options")
  class CompareOptions {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SyncAnnotationKeys.COMPARE_OPTIONS, SyncAnnotationKeys.ARGOCD_COMPARE_OPTIONS})
    @DisplayName("IgnoreExtraneous is read from either key")
    void ignoreExtraneous(String key) {
      assertThat(parse(key, "IgnoreExtraneous").ignoreExtraneous()).isTrue();
    }

    @Test
    @DisplayName("an explicit IgnoreExtraneous=false is honoured")
    void explicitFalse() {
      assertThat(parse(SyncAnnotationKeys.COMPARE_OPTIONS, "IgnoreExtraneous=false").ignoreExtraneous()).isFalse();
    }

    @Test
    @DisplayName("server-side diff switches are accepted silently")
    void serverSideDiff() {
      SyncHints hints = parse(SyncAnnotationKeys.ARGOCD_COMPARE_OPTIONS,
          "ServerSideDiff=true,IncludeMutationWebhook=true,IgnoreExtraneous");

      assertThat(hints.ignoreExtraneous()).isTrue();
      assertThat(hints.warnings()).isEmpty();
    }

    @Test
    @DisplayName("an unknown option is warned about")
    void unknown() {
      SyncHints hints = parse(SyncAnnotationKeys.COMPARE_OPTIONS, "IgnoreEverything");

      assertThat(hints.ignoreExtraneous()).isFalse();
      assertThat(hints.warnings()).singleElement().asString()
          .contains(SyncAnnotationKeys.COMPARE_OPTIONS).contains("\"IgnoreEverything\"");
    }
  }

  @Nested
  @DisplayName("a whole object")
  class Whole {
    @Test
    @DisplayName("a Helm chart's migration Job reads as a PreSync hook with Helm's weight and policy")
    void helmJob() {
      SyncHints hints = parse(
          SyncAnnotationKeys.HELM_HOOK, "pre-install,pre-upgrade",
          SyncAnnotationKeys.HELM_HOOK_WEIGHT, "-1",
          SyncAnnotationKeys.HELM_HOOK_DELETE_POLICY, "before-hook-creation,hook-succeeded");

      assertThat(hints).isEqualTo(new SyncHints(-1, Set.of(SyncPhase.PreSync),
          Set.of(HookDeletePolicy.BeforeHookCreation, HookDeletePolicy.HookSucceeded),
          ObjectSyncOptions.DEFAULTS, false, false, List.of(),
          Set.of(HelmHookEvent.PreInstall, HelmHookEvent.PreUpgrade)));
    }

    @Test
    @DisplayName("warnings of several annotations are all kept")
    void severalWarnings() {
      SyncHints hints = parse(SyncAnnotationKeys.SYNC_WAVE, "x", SyncAnnotationKeys.HOOK, "Later",
          SyncAnnotationKeys.SYNC_OPTIONS, "Nope=1");

      assertThat(hints.warnings()).hasSize(3);
    }

    @Test
    @DisplayName("the input object is not modified")
    void inputUntouched() {
      Map<String, Object> object = annotated(SyncAnnotationKeys.HOOK, "PreSync", SyncAnnotationKeys.SYNC_WAVE, "2");
      Map<String, Object> before = JsonValues.deepCopy(object);

      SyncAnnotations.parse(object);

      assertThat(object).isEqualTo(before);
    }
  }

  @Nested
  @DisplayName("isHookAnnotated")
  class IsHookAnnotated {
    @Test
    @DisplayName("is true when a hook annotation names a phase")
    void hook() {
      assertThat(SyncAnnotations.isHookAnnotated(annotated(SyncAnnotationKeys.ARGOCD_HOOK, "PostSync"))).isTrue();
      assertThat(SyncAnnotations.isHookAnnotated(annotated(SyncAnnotationKeys.HELM_HOOK, "post-upgrade"))).isTrue();
    }

    @Test
    @DisplayName("is false for ordinary, skipped and Helm test objects")
    void notHook() {
      assertThat(SyncAnnotations.isHookAnnotated(annotated())).isFalse();
      assertThat(SyncAnnotations.isHookAnnotated(annotated(SyncAnnotationKeys.HOOK, "Skip"))).isFalse();
      assertThat(SyncAnnotations.isHookAnnotated(annotated(SyncAnnotationKeys.HELM_HOOK, "test"))).isFalse();
      assertThat(SyncAnnotations.isHookAnnotated(annotated(SyncAnnotationKeys.HELM_HOOK, "crd-install"))).isFalse();
    }
  }
}
