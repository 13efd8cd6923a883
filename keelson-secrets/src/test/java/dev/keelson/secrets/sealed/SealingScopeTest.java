package dev.keelson.secrets.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealingScopeTest {
  @Test
  void labelsPerScope() {
    assertThat(new String(SealingScope.STRICT.label("ns", "n"), StandardCharsets.UTF_8)).isEqualTo("ns/n");
    assertThat(new String(SealingScope.NAMESPACE_WIDE.label("ns", "n"), StandardCharsets.UTF_8)).isEqualTo("ns");
    assertThat(SealingScope.CLUSTER_WIDE.label("ns", "n")).isEmpty();
  }

  @Test
  void fromAnnotationsAndFlags() {
    assertThat(SealingScope.ofAnnotations(null)).isEqualTo(SealingScope.STRICT);
    assertThat(SealingScope.ofAnnotations(Map.of("sealedsecrets.bitnami.com/namespace-wide", "true"))).isEqualTo(SealingScope.NAMESPACE_WIDE);
    assertThat(SealingScope.ofAnnotations(Map.of("sealedsecrets.bitnami.com/namespace-wide", "true",
        "sealedsecrets.bitnami.com/cluster-wide", "true"))).isEqualTo(SealingScope.CLUSTER_WIDE);
    assertThat(SealingScope.ofAnnotations(Map.of("sealedsecrets.bitnami.com/cluster-wide", "yes"))).isEqualTo(SealingScope.STRICT);
    assertThat(SealingScope.parse("namespace-wide")).isEqualTo(SealingScope.NAMESPACE_WIDE);
    assertThatThrownBy(() -> SealingScope.parse("wide")).hasMessageContaining("strict, namespace-wide, cluster-wide");
    assertThat(SealingScope.STRICT.annotate(Map.of("sealedsecrets.bitnami.com/cluster-wide", "true", "x", "y"))).isEqualTo(Map.of("x", "y"));
  }
}
