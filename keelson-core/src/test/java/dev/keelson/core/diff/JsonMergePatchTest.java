package dev.keelson.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMergePatchTest {

  /** RFC 7386's algorithm, to check that a patch turns its base into its target. */
  @SuppressWarnings("unchecked")
  static Object apply(Object target, Object patch) {
    if (!(patch instanceof Map<?, ?> p)) return patch;
    Map<String, Object> out = target instanceof Map<?, ?> t ? new LinkedHashMap<>((Map<String, Object>) t) : new LinkedHashMap<>();
    p.forEach((k, v) -> {
      if (v == null) out.remove((String) k);
      else out.put((String) k, apply(out.get(k), v));
    });
    return out;
  }

  @Test
  void changedNewAndRemovedValues() {
    Map<String, Object> base = Map.of(
        "health", Map.of("status", "Progressing", "message", "observed generation 0 is older than generation 1"),
        "history", List.of(Map.of("id", 1)),
        "pendingApproval", Map.of("revision", "abc"),
        "observedGeneration", 1);
    Map<String, Object> target = Map.of(
        "health", Map.of("status", "Healthy"),
        "history", List.of(Map.of("id", 1), Map.of("id", 2)),
        "observedGeneration", 1,
        "sync", Map.of("status", "Synced"));
    Map<String, Object> patch = JsonMergePatch.diff(base, target);
    Map<String, Object> expected = new HashMap<>();
    Map<String, Object> health = new HashMap<>();
    health.put("status", "Healthy");
    health.put("message", null);
    expected.put("health", health);
    expected.put("history", List.of(Map.of("id", 1), Map.of("id", 2)));
    expected.put("pendingApproval", null);
    expected.put("sync", Map.of("status", "Synced"));
    assertThat(patch).isEqualTo(expected);
    assertThat(apply(base, patch)).isEqualTo(target);
  }

  @Test
  void equalDocumentsGiveAnEmptyPatchAndNoBaseGivesTheTarget() {
    Map<String, Object> doc = Map.of("a", Map.of("b", List.of(1, 2)), "n", 1);
    assertThat(JsonMergePatch.diff(doc, Map.of("a", Map.of("b", List.of(1, 2)), "n", 1L))).isEmpty();
    assertThat(JsonMergePatch.diff(null, doc)).isEqualTo(doc);
  }

  @Test
  void aPatchNeverDependsOnListPositions() {
    // a list that shrank is replaced, not edited element by element
    Map<String, Object> base = Map.of("results", List.of("a", "b", "c"));
    Map<String, Object> target = Map.of("results", List.of("a"));
    assertThat(JsonMergePatch.diff(base, target)).isEqualTo(Map.of("results", List.of("a")));
  }
}
