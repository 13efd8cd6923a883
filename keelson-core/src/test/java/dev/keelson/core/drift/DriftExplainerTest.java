package dev.keelson.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.model.ResourceKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftExplainerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ResourceKey WEB = new ResourceKey("apps", "Deployment", "shop", "web");

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) throws Exception {
    return JSON.readValue(text.replace('\'', '"'), Map.class);
  }

  /** Real JSON (the list-element key holds quotes of its own), spliced into the quoted-with-' fixtures. */
  final String managedFields = """
      "managedFields": [
        {"manager": "keelson", "operation": "Apply", "time": "2026-12-01T12:00:00Z", "fieldsType": "FieldsV1",
         "fieldsV1": {"f:spec": {"f:replicas": {}, "f:template": {"f:spec": {"f:containers": {
            "k:{\\"name\\":\\"web\\"}": {".": {}, "f:image": {}, "f:name": {}}}}}}}},
        {"manager": "kube-controller-manager", "operation": "Update", "time": "2026-12-01T12:05:00Z",
         "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {"f:replicas": {}}}},
        {"manager": "kubectl-edit", "operation": "Update", "time": "2026-12-01T12:01:07Z", "fieldsType": "FieldsV1",
         "fieldsV1": {"f:spec": {"f:template": {"f:spec": {"f:containers": {
            "k:{\\"name\\":\\"web\\"}": {"f:image": {}}}}}}}}
      ]""";

  @Test
  void eachDifferingFieldIsAttributedToTheManagerOwningTheLiveValue() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> live = JSON.readValue("""
        {'apiVersion': 'apps/v1', 'kind': 'Deployment',
         'metadata': {'name': 'web', 'namespace': 'shop', 'resourceVersion': '9', %s},
         'spec': {'replicas': 5, 'template': {'spec': {'containers': [{'name': 'web', 'image': 'nginx:1.26'}]}}},
         'status': {'replicas': 5}}
        """.replace('\'', '"').formatted(managedFields), Map.class);
    Map<String, Object> predicted = json("""
        {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': {'name': 'web', 'namespace': 'shop', 'resourceVersion': '10'},
         'spec': {'replicas': 3, 'template': {'spec': {'containers': [{'name': 'web', 'image': 'nginx:1.25'}]}}},
         'status': {'replicas': 3}}
        """);
    ObjectDrift d = DriftExplainer.explain(WEB, live, predicted);
    assertThat(d.fields()).extracting(FieldDrift::path)
        .containsExactly("spec.replicas", "spec.template.spec.containers[0].image");
    FieldDrift replicas = d.fields().get(0);
    assertThat(replicas.manager()).isEqualTo("kube-controller-manager");
    assertThat(replicas.classification()).isEqualTo(Classification.Controller);
    assertThat(replicas.pointer()).isEqualTo("/spec/replicas");
    FieldDrift image = d.fields().get(1);
    assertThat(image.manager()).isEqualTo("kubectl-edit");
    assertThat(image.operation()).isEqualTo("Update");
    assertThat(image.classification()).isEqualTo(Classification.Person);
    assertThat(image.sentence()).isEqualTo("spec.template.spec.containers[0].image nginx:1.25 -> nginx:1.26 by kubectl-edit at 12:01:07");
    assertThat(d.summary()).isEqualTo("spec.replicas (kube-controller-manager), spec.template.spec.containers[0].image (kubectl-edit)");
    assertThat(d.ignoreRule()).isEqualTo("""
        ignoreDifferences:
        - group: "apps"
          kind: Deployment
          name: web
          namespace: shop
          jsonPointers:
          - /spec/replicas
        """);
  }

  @Test
  void aFieldOnlyKeelsonOwnsThatDiffersIsUnattributed() throws Exception {
    Map<String, Object> live = json("""
        {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'c', 'managedFields': [
          {'manager': 'keelson', 'operation': 'Apply', 'time': '2026-12-01T12:00:00Z', 'fieldsType': 'FieldsV1',
           'fieldsV1': {'f:data': {'f:a': {}}}}]}, 'data': {'a': 'mutated'}}
        """);
    Map<String, Object> predicted = json("{'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'c'}, 'data': {'a': 'git'}}");
    FieldDrift f = DriftExplainer.explain(new ResourceKey("", "ConfigMap", "x", "c"), live, predicted).fields().get(0);
    assertThat(f.manager()).isEmpty();
    assertThat(f.classification()).isEqualTo(Classification.Unattributed);
    assertThat(f.sentence()).isEqualTo("data.a git -> mutated by no field manager");
  }

  @Test
  void nullsOnBothSidesAreNoDifference() throws Exception {
    // a pod template's metadata.creationTimestamp is null in the live object and in the dry-run
    Map<String, Object> live = json("{'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'c'},"
        + " 'spec': {'template': {'metadata': {'creationTimestamp': null}}}, 'data': {'a': 'x'}}");
    Map<String, Object> predicted = json("{'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'c'},"
        + " 'spec': {'template': {'metadata': {'creationTimestamp': null}}}, 'data': {'a': 'y'}}");
    assertThat(DriftExplainer.explain(new ResourceKey("", "ConfigMap", "x", "c"), live, predicted).fields())
        .extracting(FieldDrift::path).containsExactly("data.a");
  }

  @Test
  void secretValuesAreMasked() throws Exception {
    Map<String, Object> live = json("""
        {'apiVersion': 'v1', 'kind': 'Secret', 'metadata': {'name': 's', 'managedFields': [
          {'manager': 'kubectl-patch', 'operation': 'Update', 'time': '2026-12-01T12:00:00Z', 'fieldsType': 'FieldsV1',
           'fieldsV1': {'f:data': {'f:token': {}}}}]}, 'data': {'token': 'c2VjcmV0'}}
        """);
    Map<String, Object> predicted = json("{'apiVersion': 'v1', 'kind': 'Secret', 'metadata': {'name': 's'}, 'data': {'token': 'b3RoZXI='}}");
    FieldDrift f = DriftExplainer.explain(new ResourceKey("", "Secret", "x", "s"), live, predicted).fields().get(0);
    assertThat(f.path()).isEqualTo("data.token");
    assertThat(String.valueOf(f.live())).doesNotContain("c2VjcmV0");
    assertThat(String.valueOf(f.desired())).doesNotContain("b3RoZXI=").contains("changed");
    assertThat(f.manager()).isEqualTo("kubectl-patch");
  }

  @Test
  void managersAreClassifiedByName() {
    assertThat(Classification.of("kubectl-client-side-apply")).isEqualTo(Classification.Person);
    assertThat(Classification.of("kubectl")).isEqualTo(Classification.Person);
    assertThat(Classification.of("kube-controller-manager")).isEqualTo(Classification.Controller);
    assertThat(Classification.of("cert-manager-certificates-controller")).isEqualTo(Classification.Controller);
    assertThat(Classification.of("my-tool")).isEqualTo(Classification.Unknown);
  }

  @Test
  void pathsWithDotsAreQuoted() {
    assertThat(DriftExplainer.dotted(java.util.List.of("metadata", "annotations", "example.com/x")))
        .isEqualTo("metadata.annotations[\"example.com/x\"]");
    assertThat(DriftExplainer.pointer(java.util.List.of("metadata", "annotations", "example.com/x")))
        .isEqualTo("/metadata/annotations/example.com~1x");
  }
}
