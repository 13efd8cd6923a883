package dev.keelson.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** ExternalSecrets go one wave before the workloads that use their Secret, unless waves say otherwise. */
class SecretProviderWavesTest {

  @SuppressWarnings("unchecked")
  private static Manifest m(String yaml) {
    Map<String, Object> body = new Yaml().load(yaml);
    String apiVersion = (String) body.get("apiVersion");
    Map<String, Object> meta = (Map<String, Object>) body.get("metadata");
    return new Manifest(new ResourceKey(ResourceKey.groupOf(apiVersion), (String) body.get("kind"), "prod",
        (String) meta.get("name")), apiVersion, body, meta.get("name") + ".yaml#1");
  }

  private static Map<ResourceKey, SyncHints> adjust(List<Manifest> ms) {
    Map<ResourceKey, SyncHints> hints = new LinkedHashMap<>();
    ms.forEach(x -> hints.put(x.key(), SyncAnnotations.parse(x.body())));
    return SecretProviderWaves.adjust(ms, hints);
  }

  private static final String EXTERNAL_SECRET = """
      apiVersion: external-secrets.io/v1beta1
      kind: ExternalSecret
      metadata: {name: db-creds}
      spec: {target: {name: db}}
      """;

  private static String deployment(String wave, String podSpec) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web%s}
        spec:
          template:
            spec:
        %s
        """.formatted(wave == null ? "" : ", annotations: {argocd.argoproj.io/sync-wave: \"" + wave + "\"}",
        podSpec.indent(6));
  }

  @Test
  void goesOneWaveBeforeEveryWayOfUsingTheTarget() {
    for (String pod : List.of(
        "volumes: [{name: v, secret: {secretName: db}}]",
        "volumes: [{name: v, projected: {sources: [{secret: {name: db}}]}}]",
        "containers: [{name: c, envFrom: [{secretRef: {name: db}}]}]",
        "initContainers: [{name: c, env: [{name: P, valueFrom: {secretKeyRef: {name: db, key: p}}}]}]",
        "imagePullSecrets: [{name: db}]")) {
      Manifest es = m(EXTERNAL_SECRET);
      var hints = adjust(List.of(m(deployment(null, pod)), es));
      assertThat(hints.get(es.key()).wave()).as(pod).isEqualTo(-1);
    }
  }

  @Test
  void followsTheEarliestUserAndTheDefaultTargetName() {
    Manifest es = m("""
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata: {name: db}
        """);
    Manifest cron = m("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: backup, annotations: {keelson.dev/sync-wave: "3"}}
        spec: {jobTemplate: {spec: {template: {spec: {volumes: [{name: v, secret: {secretName: db}}]}}}}}
        """);
    Manifest web = m(deployment("5", "volumes: [{name: v, secret: {secretName: db}}]"));
    var hints = adjust(List.of(web, cron, es));
    assertThat(hints.get(es.key()).wave()).isEqualTo(0); // already before wave 3: unchanged
    assertThat(hints.get(web.key()).wave()).isEqualTo(5);

    Manifest early = m(deployment("-4", "volumes: [{name: v, secret: {secretName: db}}]"));
    assertThat(adjust(List.of(early, es)).get(es.key()).wave()).isEqualTo(-5);
  }

  @Test
  void wavesTheUserWroteAndUnrelatedSecretsStay() {
    Manifest pinned = m("""
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata: {name: db-creds, annotations: {argocd.argoproj.io/sync-wave: "2"}}
        spec: {target: {name: db}}
        """);
    var hints = adjust(List.of(m(deployment(null, "volumes: [{name: v, secret: {secretName: db}}]")), pinned));
    assertThat(hints.get(pinned.key()).wave()).isEqualTo(2);

    Manifest es = m(EXTERNAL_SECRET);
    var other = adjust(List.of(m(deployment(null, "volumes: [{name: v, secret: {secretName: other}}]")), es));
    assertThat(other.get(es.key()).wave()).isEqualTo(0);
  }
}
