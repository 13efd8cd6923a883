package dev.keelson.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedNameTest {

  private static Map<String, Object> job(Map<String, Object> metadata) {
    return Map.of("apiVersion", "batch/v1", "kind", "Job", "metadata", metadata);
  }

  @Test
  void prefixOnlyWhenThereIsNoName() {
    assertThat(GeneratedName.prefixOf(job(Map.of("generateName", "migrate-")))).isEqualTo("migrate-");
    assertThat(GeneratedName.prefixOf(job(Map.of("generateName", "migrate-", "name", "")))).isEqualTo("migrate-");
    assertThat(GeneratedName.prefixOf(job(Map.of("generateName", "migrate-", "name", "fixed")))).isNull();
    assertThat(GeneratedName.prefixOf(job(Map.of("name", "fixed")))).isNull();
    assertThat(GeneratedName.prefixOf(Map.of("kind", "Job"))).isNull();
  }

  @Test
  void oneNamePerRunAndHook() {
    String first = GeneratedName.instanceName("migrate-", "op-1", "job.yaml#1");
    assertThat(first).matches("migrate-[0-9a-f]{10}");
    assertThat(GeneratedName.instanceName("migrate-", "op-1", "job.yaml#1")).as("a resumed run").isEqualTo(first);
    assertThat(GeneratedName.instanceName("migrate-", "op-2", "job.yaml#1")).as("the next run").isNotEqualTo(first);
    assertThat(GeneratedName.instanceName("migrate-", "op-1", "job.yaml#2")).as("another hook").isNotEqualTo(first);
  }

  @Test
  void longPrefixesAreShortenedToFitALabelValue() {
    String name = GeneratedName.instanceName("a".repeat(80), "op", "x");
    assertThat(name).hasSize(63).startsWith("a".repeat(53));
  }

  @Test
  void generatedHooksAreDeletedOnSuccessUnlessTheySayOtherwise() {
    Map<String, Object> plain = job(Map.of("generateName", "m-",
        "annotations", Map.of("argocd.argoproj.io/hook", "PreSync")));
    assertThat(SyncAnnotations.parse(plain).effectiveDeletePolicies()).containsExactly(HookDeletePolicy.HookSucceeded);
    Map<String, Object> explicit = job(Map.of("generateName", "m-", "annotations", Map.of(
        "argocd.argoproj.io/hook", "PreSync", "argocd.argoproj.io/hook-delete-policy", "HookFailed")));
    assertThat(SyncAnnotations.parse(explicit).effectiveDeletePolicies()).containsExactly(HookDeletePolicy.HookFailed);
    Map<String, Object> named = job(Map.of("name", "m", "annotations", Map.of("argocd.argoproj.io/hook", "PreSync")));
    assertThat(SyncAnnotations.parse(named).effectiveDeletePolicies()).containsExactly(HookDeletePolicy.BeforeHookCreation);
  }
}
