package dev.keelson.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DiffNormalizerTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    try {
      return YAML.readValue(text, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String LIVE_CONFIGMAP = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: cfg
        namespace: shop
        uid: 5f1e
        resourceVersion: "77"
        generation: 3
        creationTimestamp: "2025-01-01T00:00:00Z"
        selfLink: /api/v1/namespaces/shop/configmaps/cfg
        managedFields:
        - manager: keelson
        labels:
          app: shop
        annotations:
          kubectl.kubernetes.io/last-applied-configuration: '{"data":{"k":"v"}}'
          team: payments
      data:
        k: v
      status:
        whatever: true
      """;

  @Nested
  @DisplayName("normalize")
  class Normalize {
    @Test
    @DisplayName("drops server-maintained metadata, status and the last-applied annotation")
    void dropsServerFields() {
      Map<String, Object> n = DiffNormalizer.normalize(yaml(LIVE_CONFIGMAP));

      assertThat(n).isEqualTo(yaml("""
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: cfg
            namespace: shop
            labels:
              app: shop
            annotations:
              team: payments
          data:
            k: v
          """));
    }

    @Test
    @DisplayName("drops the annotations map when the last-applied annotation was the only one")
    void dropsEmptyAnnotations() {
      Map<String, Object> n = DiffNormalizer.normalize(yaml("""
          metadata:
            name: cfg
            annotations:
              kubectl.kubernetes.io/last-applied-configuration: '{}'
          """));

      assertThat(n).isEqualTo(yaml("metadata: {name: cfg}"));
    }

    @Test
    @DisplayName("keeps annotations other than last-applied")
    void keepsOtherAnnotations() {
      Map<String, Object> n = DiffNormalizer.normalize(yaml("metadata: {name: cfg, annotations: {a: b}}"));

      assertThat(JsonValues.path(n, "metadata", "annotations")).isEqualTo(Map.of("a", "b"));
    }

    @Test
    @DisplayName("does not modify its input")
    void inputUntouched() {
      Map<String, Object> live = yaml(LIVE_CONFIGMAP);
      Map<String, Object> before = JsonValues.deepCopy(live);

      DiffNormalizer.normalize(live);

      assertThat(live).isEqualTo(before);
    }

    @Test
    @DisplayName("accepts null, objects without metadata and immutable maps")
    void lenient() {
      assertThat(DiffNormalizer.normalize(null)).isNull();
      assertThat(DiffNormalizer.normalize(Map.of("kind", "X", "status", Map.of())))
          .isEqualTo(Map.of("kind", "X"));
      assertThat(DiffNormalizer.normalize(Map.of("metadata", Map.of("uid", "u", "name", "n"))))
          .isEqualTo(Map.of("metadata", Map.of("name", "n")));
    }
  }

  @Nested
  @DisplayName("forDiff")
  class ForDiff {
    private static final String SECRET_LIVE = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: creds
          namespace: shop
          resourceVersion: "5"
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"c2VjcmV0LW9sZA=="}}'
        type: Opaque
        data:
          username: YWRtaW4=
          password: c2VjcmV0LW9sZA==
          removed: Z29uZQ==
        """;

    private static final String SECRET_DESIRED = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: creds
          namespace: shop
        type: Opaque
        data:
          username: YWRtaW4=
          password: c2VjcmV0LW5ldw==
          added: bmV3LWtleQ==
        stringData:
          token: plain-token-value
        """;

    @Test
    @DisplayName("never lets a Secret value through, on either side, nor via the last-applied annotation")
    void secretValuesNeverAppear() throws Exception {
      DiffNormalizer.Pair p = DiffNormalizer.forDiff(yaml(SECRET_LIVE), yaml(SECRET_DESIRED));

      String both = new ObjectMapper().writeValueAsString(p);
      assertThat(both).doesNotContain(
          "YWRtaW4=", "c2VjcmV0LW9sZA==", "c2VjcmV0LW5ldw==", "Z29uZQ==", "bmV3LWtleQ==",
          "plain-token-value", LAST_APPLIED);
    }

    @Test
    @DisplayName("masks equal values alike and changed or added values as (changed), keeping the keys")
    void masksPairwise() {
      DiffNormalizer.Pair p = DiffNormalizer.forDiff(yaml(SECRET_LIVE), yaml(SECRET_DESIRED));

      Object liveData = JsonValues.path(p.live(), "data");
      Object desiredData = JsonValues.path(p.desired(), "data");
      assertThat(liveData).asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsOnlyKeys("username", "password", "removed");
      assertThat(desiredData).asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsOnlyKeys("username", "password", "added");

      Object liveUser = JsonValues.path(liveData, "username");
      assertThat(JsonValues.path(desiredData, "username")).isEqualTo(liveUser);
      assertThat(JsonValues.path(desiredData, "password"))
          .isNotEqualTo(JsonValues.path(liveData, "password"))
          .asString().contains("(changed)");
      assertThat(JsonValues.path(desiredData, "added")).asString().contains("(changed)");
      assertThat(JsonValues.path(liveData, "removed")).isEqualTo(liveUser);
      assertThat(liveUser).asString().doesNotContain("(changed)");
    }

    @Test
    @DisplayName("masks stringData too")
    void masksStringData() {
      DiffNormalizer.Pair p = DiffNormalizer.forDiff(yaml(SECRET_LIVE), yaml(SECRET_DESIRED));

      assertThat(JsonValues.path(p.desired(), "stringData", "token"))
          .asString().contains("(changed)").doesNotContain("plain-token-value");
    }

    @Test
    @DisplayName("an unchanged Secret masks to two equal sides")
    void unchangedSecret() {
      Map<String, Object> secret = yaml(SECRET_DESIRED);

      DiffNormalizer.Pair p = DiffNormalizer.forDiff(JsonValues.deepCopy(secret), secret);

      assertThat(p.live()).isEqualTo(p.desired());
      assertThat(UnifiedDiff.of("Secret/creds", p.live(), p.desired())).isEmpty();
    }

    @Test
    @DisplayName("a change of a Secret value shows in the diff without either value")
    void diffOfChangedSecret() {
      DiffNormalizer.Pair p = DiffNormalizer.forDiff(yaml(SECRET_LIVE), yaml(SECRET_DESIRED));

      String diff = UnifiedDiff.of("v1/Secret/shop/creds", p.live(), p.desired());

      assertThat(diff).contains("password").contains("(changed)")
          .doesNotContain("c2VjcmV0LW9sZA==", "c2VjcmV0LW5ldw==", "plain-token-value");
    }

    @Test
    @DisplayName("masks the live Secret of an object about to be pruned (no desired side)")
    void liveOnly() throws Exception {
      DiffNormalizer.Pair p = DiffNormalizer.forDiff(yaml(SECRET_LIVE), null);

      assertThat(p.desired()).isNull();
      assertThat(JsonValues.path(p.live(), "data")).asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsOnlyKeys("username", "password", "removed");
      assertThat(new ObjectMapper().writeValueAsString(p.live()))
          .doesNotContain("YWRtaW4=", "c2VjcmV0LW9sZA==", "Z29uZQ==");
    }

    @Test
    @DisplayName("masks every value of a Secret about to be created (no live side) as changed")
    void desiredOnly() throws Exception {
      DiffNormalizer.Pair p = DiffNormalizer.forDiff(null, yaml(SECRET_DESIRED));

      assertThat(p.live()).isNull();
      assertThat(JsonValues.path(p.desired(), "data")).asInstanceOf(InstanceOfAssertFactories.MAP)
          .allSatisfy((k, v) -> assertThat(v).asString().contains("(changed)"));
      assertThat(new ObjectMapper().writeValueAsString(p.desired()))
          .doesNotContain("YWRtaW4=", "c2VjcmV0LW5ldw==", "plain-token-value");
    }

    @Test
    @DisplayName("leaves the data of other kinds visible, normalized")
    void otherKindsNotMasked() {
      Map<String, Object> desired = yaml("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: cfg, namespace: shop}
          data: {k: v2}
          """);

      DiffNormalizer.Pair p = DiffNormalizer.forDiff(yaml(LIVE_CONFIGMAP), desired);

      assertThat(JsonValues.path(p.live(), "data", "k")).isEqualTo("v");
      assertThat(JsonValues.path(p.desired(), "data", "k")).isEqualTo("v2");
      assertThat(JsonValues.path(p.live(), "metadata", "resourceVersion")).isNull();
      assertThat(JsonValues.path(p.live(), "status")).isNull();
    }

    @Test
    @DisplayName("does not modify its inputs")
    void inputsUntouched() {
      Map<String, Object> live = yaml(SECRET_LIVE);
      Map<String, Object> desired = yaml(SECRET_DESIRED);

      DiffNormalizer.forDiff(live, desired);

      assertThat(live).isEqualTo(yaml(SECRET_LIVE));
      assertThat(desired).isEqualTo(yaml(SECRET_DESIRED));
    }

    @Test
    @DisplayName("two null sides give two null sides")
    void bothNull() {
      assertThat(DiffNormalizer.forDiff(null, null)).isEqualTo(new DiffNormalizer.Pair(null, null));
    }
  }
}
