package dev.keelson.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final String DESIRED = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        labels:
          app: web
        annotations:
          keelson.dev/tracking-id: keelson/web:apps/Deployment:shop/web
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: app
              image: nginx:1.27
              args: ["--port", "8080"]
              ports:
              - containerPort: 8080
            - name: metrics
              image: exporter:1
      """;

  /** What the server returns for DESIRED: same fields plus defaults, status and metadata. */
  private static final String LIVE = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        uid: 0b7c
        resourceVersion: "1234"
        generation: 1
        creationTimestamp: "2025-01-01T00:00:00Z"
        managedFields:
        - manager: keelson
          operation: Apply
        labels:
          app: web
        annotations:
          keelson.dev/tracking-id: keelson/web:apps/Deployment:shop/web
          deployment.kubernetes.io/revision: "1"
      spec:
        replicas: 2
        revisionHistoryLimit: 10
        progressDeadlineSeconds: 600
        selector:
          matchLabels: {app: web}
        strategy:
          type: RollingUpdate
        template:
          metadata:
            labels: {app: web}
          spec:
            dnsPolicy: ClusterFirst
            restartPolicy: Always
            containers:
            - name: app
              image: nginx:1.27
              imagePullPolicy: IfNotPresent
              args: ["--port", "8080"]
              ports:
              - containerPort: 8080
                protocol: TCP
              terminationMessagePath: /dev/termination-log
            - name: metrics
              image: exporter:1
              imagePullPolicy: IfNotPresent
      status:
        replicas: 2
        readyReplicas: 2
        observedGeneration: 1
      """;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    try {
      return YAML.readValue(text, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> edited(String text, Consumer<Map<String, Object>> edit) {
    Map<String, Object> m = yaml(text);
    edit.accept(m);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Object parent, String... path) {
    return (Map<String, Object>) JsonValues.path(parent, path);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> container(Map<String, Object> obj, int i) {
    return ((List<Map<String, Object>>) JsonValues.path(obj, "spec", "template", "spec", "containers")).get(i);
  }

  private final Fingerprint taken = Fingerprint.of(yaml(DESIRED), yaml(LIVE));

  @Test
  @DisplayName("matches the unchanged desired object and live object it was taken from")
  void matchesUnchanged() {
    assertThat(taken.matches(yaml(DESIRED), yaml(LIVE))).isTrue();
  }

  @Test
  @DisplayName("is a value: equal inputs give equal fingerprints of 64 hex characters")
  void isAValue() {
    Fingerprint again = Fingerprint.of(yaml(DESIRED), yaml(LIVE));

    assertThat(again).isEqualTo(taken);
    assertThat(taken.desiredDigest()).matches("[0-9a-f]{64}");
    assertThat(taken.liveDigest()).matches("[0-9a-f]{64}");
  }

  @Test
  @DisplayName("does not depend on key order")
  void keyOrderIndependent() {
    Map<String, Object> reordered = new LinkedHashMap<>();
    Map<String, Object> desired = yaml(DESIRED);
    List<String> keys = new ArrayList<>(desired.keySet());
    Collections.reverse(keys);
    keys.forEach(k -> reordered.put(k, desired.get(k)));

    assertThat(taken.matches(reordered, yaml(LIVE))).isTrue();
  }

  @Test
  @DisplayName("no longer matches when a field of the desired object changes")
  void desiredFieldChanged() {
    Map<String, Object> desired = edited(DESIRED, d -> container(d, 0).put("image", "nginx:1.28"));

    assertThat(taken.matches(desired, yaml(LIVE))).isFalse();
  }

  @Test
  @DisplayName("no longer matches when the desired object sets a new field, even one the server had defaulted alike")
  void desiredFieldAdded() {
    Map<String, Object> desired = edited(DESIRED, d -> child(d, "spec").put("revisionHistoryLimit", 10));

    assertThat(taken.matches(desired, yaml(LIVE))).isFalse();
  }

  @Test
  @DisplayName("no longer matches when a live field the desired object sets changes")
  void liveSetFieldChanged() {
    Map<String, Object> live = edited(LIVE, l -> child(l, "spec").put("replicas", 5));

    assertThat(taken.matches(yaml(DESIRED), live)).isFalse();
  }

  @Test
  @DisplayName("no longer matches when a live field the desired object sets is removed")
  void liveSetFieldRemoved() {
    Map<String, Object> live = edited(LIVE, l -> child(l, "metadata", "labels").remove("app"));

    assertThat(taken.matches(yaml(DESIRED), live)).isFalse();
  }

  @Test
  @DisplayName("no longer matches when a set field of a named list element changes")
  void liveNamedElementChanged() {
    Map<String, Object> live = edited(LIVE, l -> container(l, 1).put("image", "exporter:2"));

    assertThat(taken.matches(yaml(DESIRED), live)).isFalse();
  }

  @Test
  @DisplayName("no longer matches when an unnamed live list grows")
  @SuppressWarnings("unchecked")
  void unnamedListGrows() {
    Map<String, Object> live = edited(LIVE, l -> ((List<Object>) container(l, 0).get("args")).add("--debug"));

    assertThat(taken.matches(yaml(DESIRED), live)).isFalse();
  }

  @Test
  @DisplayName("no longer matches when the live object is gone")
  void liveGone() {
    assertThat(taken.matches(yaml(DESIRED), null)).isFalse();
  }

  @Test
  @DisplayName("still matches when fields the desired object does not set change: defaults, status, other annotations, server metadata")
  void unsetFieldsIgnored() {
    Map<String, Object> live = edited(LIVE, l -> {
      child(l, "metadata").put("resourceVersion", "9999");
      child(l, "metadata").put("generation", 7);
      child(l, "metadata", "annotations").put("deployment.kubernetes.io/revision", "8");
      child(l, "metadata", "annotations").put("kubectl.kubernetes.io/restartedAt", "now");
      child(l, "metadata", "labels").put("team", "payments");
      child(l, "spec").put("revisionHistoryLimit", 3);
      child(l, "spec", "template", "spec").put("dnsPolicy", "Default");
      container(l, 0).put("imagePullPolicy", "Always");
      child(l, "status").put("readyReplicas", 0);
      child(l, "status").put("conditions", List.of(Map.of("type", "Available", "status", "False")));
    });

    assertThat(taken.matches(yaml(DESIRED), live)).isTrue();
  }

  @Test
  @DisplayName("still matches when the live containers are reordered or a container is injected")
  @SuppressWarnings("unchecked")
  void namedListOrderAndInjection() {
    Map<String, Object> live = edited(LIVE, l -> {
      List<Object> containers = (List<Object>) JsonValues.path(l, "spec", "template", "spec", "containers");
      Collections.reverse(containers);
      containers.add(0, Map.of("name", "istio-proxy", "image", "proxyv2"));
    });

    assertThat(taken.matches(yaml(DESIRED), live)).isTrue();
  }

  @Test
  @DisplayName("treats an int, a long and an integral double of the same value as equal")
  void numberWidths() {
    Map<String, Object> desiredInt = Map.of("spec", Map.of("replicas", 3));
    Map<String, Object> desiredLong = Map.of("spec", Map.of("replicas", 3L));
    Map<String, Object> liveLong = Map.of("spec", Map.of("replicas", 3L, "paused", false));
    Map<String, Object> liveDouble = Map.of("spec", Map.of("replicas", 3.0));

    Fingerprint fp = Fingerprint.of(desiredInt, Map.of("spec", Map.of("replicas", 3)));

    assertThat(fp.matches(desiredLong, liveLong)).isTrue();
    assertThat(fp.matches(desiredInt, liveDouble)).isTrue();
    assertThat(Fingerprint.of(desiredLong, liveLong)).isEqualTo(fp);
    assertThat(fp.matches(desiredInt, Map.of("spec", Map.of("replicas", 3.5)))).isFalse();
  }

  @Test
  @DisplayName("a fingerprint taken while the object was missing does not match once it exists")
  void takenWhileMissing() {
    Fingerprint whileMissing = Fingerprint.of(yaml(DESIRED), null);

    assertThat(whileMissing.matches(yaml(DESIRED), yaml(LIVE))).isFalse();
  }

  @Test
  @DisplayName("digest is the SHA-256 of the canonical JSON")
  void digestOfCanonicalJson() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", 1);
    value.put("a", List.of(true, "x"));
    byte[] sha = MessageDigest.getInstance("SHA-256")
        .digest("{\"a\":[true,\"x\"],\"b\":1}".getBytes(StandardCharsets.UTF_8));

    assertThat(Fingerprint.digest(value)).isEqualTo(HexFormat.of().formatHex(sha));
    assertThat(Fingerprint.digest(Map.of("b", 1L, "a", List.of(true, "x"))))
        .isEqualTo(Fingerprint.digest(value));
  }
}
