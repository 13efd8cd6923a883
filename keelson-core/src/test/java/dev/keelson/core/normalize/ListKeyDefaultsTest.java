package dev.keelson.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.diff.JsonValues;
import dev.keelson.core.manifest.ManifestParser;
import dev.keelson.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListKeyDefaultsTest {

  private static Manifest parse(String yaml) throws Exception {
    return new ManifestParser().parse("x.yaml", yaml).get(0);
  }

  private static Map<String, Object> normalized(Manifest m) {
    return ListKeyDefaults.apply(m.key().group(), m.kind(), m.body());
  }

  private static List<Object> protocols(Map<String, Object> service) {
    List<Object> out = new ArrayList<>();
    for (Object p : (List<?>) JsonValues.path(service, "spec", "ports")) {
      out.add(((Map<?, ?>) p).get("protocol"));
    }
    return out;
  }

  @Test
  void servicePortsWithoutProtocolGetTheApiDefault() throws Exception {
    Manifest svc = parse("""
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          ports:
          - port: 80
            targetPort: 8080
          - port: 53
            protocol: UDP
        """);
    Map<String, Object> out = normalized(svc);
    assertThat(protocols(out)).containsExactly("TCP", "UDP");
    assertThat(protocols(svc.body())).as("the rendered object is left as it was").containsExactly(null, "UDP");
  }

  @Test
  void everyContainerListOfEveryWorkloadKind() throws Exception {
    String podSpec = """
          containers:
          - name: app
            ports: [{containerPort: 8080}, {containerPort: 9090, protocol: SCTP}]
          initContainers:
          - name: init
            ports: [{containerPort: 7000}]
          ephemeralContainers:
          - name: debug
            ports: [{containerPort: 6000}]
        """;
    String[] docs = {
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + podSpec.indent(0),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n"
            + podSpec.indent(4),
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  template:\n    spec:\n"
            + podSpec.indent(4),
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: s}\nspec:\n  template:\n    spec:\n"
            + podSpec.indent(4),
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n"
            + podSpec.indent(4),
        "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n"
            + "      template:\n        spec:\n" + podSpec.indent(8),
    };
    for (String doc : docs) {
      Manifest m = parse(doc);
      Map<String, Object> out = normalized(m);
      String json = JsonValues.canonicalJson(out);
      assertThat(json).as(m.kind()).contains(
          "{\"containerPort\":8080,\"protocol\":\"TCP\"}",
          "{\"containerPort\":9090,\"protocol\":\"SCTP\"}",
          "{\"containerPort\":7000,\"protocol\":\"TCP\"}",
          "{\"containerPort\":6000,\"protocol\":\"TCP\"}");
    }
  }

  @Test
  void completeObjectsAndOtherKindsAreReturnedAsTheyAre() throws Exception {
    Manifest complete = parse("""
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          ports: [{port: 80, protocol: TCP}]
        """);
    assertThat(normalized(complete)).isSameAs(complete.body());
    Manifest custom = parse("""
        apiVersion: example.com/v1
        kind: Deployment
        metadata: {name: not-apps}
        spec:
          template: {spec: {containers: [{name: a, ports: [{containerPort: 1}]}]}}
        """);
    assertThat(normalized(custom)).isSameAs(custom.body());
    Manifest config = parse("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data: {ports: "80"}
        """);
    assertThat(normalized(config)).isSameAs(config.body());
  }
}
