package dev.keelson.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

  private static Map<String, Object> deployment(int replicas, String image) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "app");
    container.put("image", image);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", replicas);
    spec.put("template", Map.of("spec", Map.of("containers", List.of(container))));
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", "apps/v1");
    obj.put("kind", "Deployment");
    obj.put("metadata", Map.of("name", "web", "namespace", "shop"));
    obj.put("spec", spec);
    return obj;
  }

  private static List<String> lines(String diff) {
    return List.of(diff.split("\n"));
  }

  @Test
  @DisplayName("is empty for equal objects")
  void equalObjects() {
    assertThat(UnifiedDiff.of("apps/Deployment/shop/web", deployment(2, "nginx"), deployment(2, "nginx")))
        .isEmpty();
  }

  @Test
  @DisplayName("is empty for objects that differ only in key order and number widths")
  void semanticallyEqualObjects() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("a", 1);
    a.put("b", 2.0);
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("b", 2L);
    b.put("a", 1L);

    assertThat(UnifiedDiff.of("x", a, b)).isEmpty();
  }

  @Test
  @DisplayName("starts with --- live/<title> and +++ desired/<title> headers, then a hunk, and ends with a newline")
  void headers() {
    String diff = UnifiedDiff.of("apps/Deployment/shop/web", deployment(2, "nginx"), deployment(3, "nginx"));

    List<String> lines = lines(diff);
    assertThat(lines.get(0)).isEqualTo("--- live/apps/Deployment/shop/web");
    assertThat(lines.get(1)).isEqualTo("+++ desired/apps/Deployment/shop/web");
    assertThat(lines.get(2)).startsWith("@@ -");
    assertThat(diff).endsWith("\n");
  }

  @Test
  @DisplayName("shows the live value removed and the desired value added")
  void changedLines() {
    String diff = UnifiedDiff.of("t", deployment(2, "nginx:1.27"), deployment(3, "nginx:1.28"));

    assertThat(lines(diff))
        .contains("-  replicas: 2", "+  replicas: 3")
        .anySatisfy(l -> assertThat(l).startsWith("-").contains("image: nginx:1.27"))
        .anySatisfy(l -> assertThat(l).startsWith("+").contains("image: nginx:1.28"));
  }

  @Test
  @DisplayName("renders YAML with sorted keys and no document marker")
  void yamlRendering() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1);
    m.put("a", Map.of("d", "x", "c", "w"));

    assertThat(UnifiedDiff.yaml(m)).isEqualTo("a:\n  c: w\n  d: x\nb: 1\n");
  }

  @Test
  @DisplayName("a missing live side shows every desired line as added")
  void nullLive() {
    String diff = UnifiedDiff.of("t", null, deployment(1, "nginx"));

    List<String> body = lines(diff).subList(3, lines(diff).size());
    assertThat(lines(diff).get(0)).isEqualTo("--- live/t");
    assertThat(lines(diff).get(1)).isEqualTo("+++ desired/t");
    assertThat(body).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("+"));
    assertThat(body).hasSize(UnifiedDiff.yaml(deployment(1, "nginx")).split("\n").length);
  }

  @Test
  @DisplayName("a missing desired side shows every live line as removed")
  void nullDesired() {
    String diff = UnifiedDiff.of("t", deployment(1, "nginx"), null);

    List<String> body = lines(diff).subList(3, lines(diff).size());
    assertThat(lines(diff).get(0)).isEqualTo("--- live/t");
    assertThat(lines(diff).get(1)).isEqualTo("+++ desired/t");
    assertThat(body).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("-"));
  }

  @Test
  @DisplayName("two missing sides give an empty diff")
  void bothNull() {
    assertThat(UnifiedDiff.of("t", null, null)).isEmpty();
  }

  @Test
  @DisplayName("keeps three lines of context around a change and leaves the rest out")
  void context() {
    Map<String, Object> live = new LinkedHashMap<>();
    for (int i = 10; i < 40; i++) live.put("k" + i, i);
    Map<String, Object> desired = new LinkedHashMap<>(live);
    desired.put("k25", -1);

    List<String> lines = lines(UnifiedDiff.of("t", live, desired));

    assertThat(lines).contains("@@ -13,7 +13,7 @@", "-k25: 25", "+k25: -1",
        " k22: 22", " k23: 23", " k24: 24", " k26: 26", " k27: 27", " k28: 28");
    assertThat(lines).doesNotContain(" k21: 21", " k29: 29");
    assertThat(lines).hasSize(3 + 3 + 2 + 3);
  }

  @Test
  @DisplayName("does not modify its inputs")
  void inputsUntouched() {
    Map<String, Object> live = deployment(2, "a");
    Map<String, Object> desired = deployment(3, "b");
    List<String> liveKeys = new ArrayList<>(live.keySet());

    UnifiedDiff.of("t", live, desired);

    assertThat(live).isEqualTo(deployment(2, "a"));
    assertThat(desired).isEqualTo(deployment(3, "b"));
    assertThat(live.keySet()).containsExactlyElementsOf(liveKeys);
  }
}
