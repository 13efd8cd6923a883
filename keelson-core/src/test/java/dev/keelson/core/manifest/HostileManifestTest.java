package dev.keelson.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Manifests written to hurt: each is refused with a message naming the file and the cause, in
 * bounded time, before it can take the controller's memory.
 */
@Timeout(60)
class HostileManifestTest {
  private final ManifestParser parser = new ManifestParser();

  @Test
  void anAliasBombIsRefused() {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n");
    yaml.append("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      yaml.append("]\n");
    }
    yaml.append("data: {k: *a9}\n");
    assertThatThrownBy(() -> parser.parse("bomb.yaml", yaml.toString()))
        .isInstanceOf(ManifestException.class).hasMessageContaining("bomb.yaml").hasMessageContaining("aliases");
  }

  @Test
  void deepNestingIsRefusedInYamlAndJson() {
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + "[".repeat(10_000)
        + "]".repeat(10_000) + "\n";
    assertThatThrownBy(() -> parser.parse("deep.yaml", yaml))
        .isInstanceOf(ManifestException.class).hasMessageContaining("deep.yaml")
        .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("nesting depth"));
    String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"deep\"},\"data\":"
        + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assertThatThrownBy(() -> parser.parse("deep.json", json))
        .isInstanceOf(ManifestException.class).hasMessageContaining("deep.json")
        .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("nesting depth"));
  }

  @Test
  void aHundredThousandDocumentsAreRefused() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c").append(i).append("}\n");
    }
    assertThatThrownBy(() -> parser.parse("many.yaml", yaml.toString()))
        .isInstanceOf(ManifestException.class).hasMessageContaining("many.yaml")
        .hasMessageContaining("more than 10000 objects");
  }

  @Test
  void aHundredMegabyteManifestIsRefused() {
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {k: \"" + "x".repeat(100 << 20) + "\"}\n";
    assertThatThrownBy(() -> parser.parse("big.yaml", yaml))
        .isInstanceOf(ManifestException.class).hasMessageContaining("big.yaml: document 1")
        .hasMessageContaining("is 100.0 MiB; an object the API server accepts is at most 3 MiB");
  }

  @Test
  @Timeout(20)
  void aQuotedScalarJustUnderTheLimitIsReadInBoundedTime() throws Exception {
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {k: \"" + "x".repeat(3_000_000) + "\"}\n";
    assertThat(parser.parse("big.yaml", yaml)).hasSize(1);
  }

  @Test
  void schemasDeeperThanSnakeYamlsDefaultAreRead() throws Exception {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: schema}\ndata:\n");
    String indent = "  ";
    for (int i = 0; i < 60; i++) {
      yaml.append(indent).append("level").append(i).append(":\n");
      indent += "  ";
    }
    yaml.append(indent).append("leaf: 1\n");
    assertThat(parser.parse("schema.yaml", yaml.toString())).hasSize(1);
  }

  @Test
  void unusualButValidNamesAndValuesAreRead() throws Exception {
    String name = "a".repeat(253);
    var manifests = parser.parse("odd.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
        + "\n  annotations: {note: \"h\u00e9llo \u2603 \uD83D\uDE80 \u4e2d\u6587\"}\n");
    assertThat(manifests).singleElement().satisfies(m -> assertThat(m.key().name()).isEqualTo(name));
  }
}
