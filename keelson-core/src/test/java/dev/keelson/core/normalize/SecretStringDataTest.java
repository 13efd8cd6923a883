package dev.keelson.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Secret's stringData is applied as the data the API server stores. */
class SecretStringDataTest {

  @Test
  void foldsStringDataIntoDataWithStringDataWinning() {
    Map<String, Object> secret = new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Secret",
        "data", Map.of("a", "b2xk", "keep", "eA=="), "stringData", Map.of("a", "new", "n", 5)));
    Map<String, Object> out = SecretStringData.apply("", "Secret", secret);
    assertThat(out).doesNotContainKey("stringData");
    assertThat(out.get("data")).isEqualTo(Map.of("a", "bmV3", "keep", "eA==", "n", "NQ=="));
    assertThat(secret).containsKey("stringData"); // the input is left alone
  }

  @Test
  void otherObjectsAreReturnedAsTheyAre() {
    Map<String, Object> plain = Map.of("kind", "Secret", "data", Map.of("a", "eA=="));
    assertThat(SecretStringData.apply("", "Secret", plain)).isSameAs(plain);
    Map<String, Object> custom = Map.of("kind", "Secret", "stringData", Map.of("a", "x"));
    assertThat(SecretStringData.apply("example.com", "Secret", custom)).isSameAs(custom);
    Map<String, Object> cm = Map.of("kind", "ConfigMap", "stringData", Map.of("a", "x"));
    assertThat(SecretStringData.apply("", "ConfigMap", cm)).isSameAs(cm);
  }
}
