package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SOPS files in Git opened by the engine (Flux's {@code spec.decryption}), against the real API
 * server: plain manifests, a Kustomize secretGenerator and Helm value files, with age and OpenPGP.
 */
class SopsTest extends ControllerTestBase {

  private static String app(String name, String ns, String repoUrl, String path, String decryption) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
        spec:
          interval: 2s
          source:
            repoURL: %s
            path: %s
          destination:
            namespace: %s
        %s
          syncPolicy:
            automated:
              prune: true
        """.formatted(name, ns, repoUrl, path, ns, decryption.isEmpty() ? "" : Orchestrated.indent(decryption, 2));
  }

  private static final String DECRYPT_WITH_KEYS = """
      decryption:
        provider: sops
        secretRef: {name: sops-keys}
      """;

  private void keysSecret(Map<String, String> data) {
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("sops-keys").endMetadata()
        .withStringData(data).build()).create();
  }

  private String secretValue(String name, String key) {
    Secret s = client.secrets().inNamespace(ns).withName(name).get();
    if (s == null || s.getData() == null || s.getData().get(key) == null) return null;
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static final String SECRET_MANIFEST = """
      apiVersion: v1
      kind: Secret
      metadata:
        name: db
      type: Opaque
      stringData:
        password: %s
        username: admin
      """;

  @Test
  @DisplayName("age: an encrypted Secret manifest is applied in clear next to plain files; a tampered value fails naming the file and leaves the last good state")
  void ageManifestsAndTampering() throws Exception {
    SopsFiles.Age key = SopsFiles.newAgeKey();
    keysSecret(Map.of("age.agekey", key.identity()));
    repo.write("app/secret.enc.yaml", SopsFiles.encryptAge("secret.enc.yaml", SECRET_MANIFEST.formatted("s3cr3t-one"),
        key.recipient()));
    repo.write("app/cm.yaml", Manifests.configMap("plain", "v"));
    String first = repo.commit("an encrypted secret");
    createApp(app("age", ns, repo.url(), "app", DECRYPT_WITH_KEYS));
    awaitApp("age", a -> syncedAt(a, first) && healthy(a));
    assertThat(secretValue("db", "password")).isEqualTo("s3cr3t-one");
    assertThat(secretValue("db", "username")).isEqualTo("admin");
    assertThat(client.configMaps().inNamespace(ns).withName("plain").get()).isNotNull();

    String second = SopsFiles.encryptAge("secret.enc.yaml", SECRET_MANIFEST.formatted("s3cr3t-two"), key.recipient());
    repo.write("app/secret.enc.yaml", SopsFiles.tamperFirstValue(second));
    repo.write("app/cm.yaml", Manifests.configMap("plain", "changed"));
    repo.commit("tampered");
    Application failed = awaitApp("age", a -> conditionIs(a, "Ready", "False")
        && condition(a, "Ready").orElseThrow().getMessage().contains("secret.enc.yaml"));
    assertThat(condition(failed, "Ready").orElseThrow().getReason()).isEqualTo("DecryptionFailed");
    assertThat(condition(failed, "Ready").orElseThrow().getMessage()).doesNotContain("s3cr3t");
    // Nothing of the bad revision is applied, not even its plain files.
    assertThat(secretValue("db", "password")).isEqualTo("s3cr3t-one");
    assertThat(client.configMaps().inNamespace(ns).withName("plain").get().getData()).containsEntry("value", "v");
  }

  @Test
  @DisplayName("OpenPGP: a Kustomize secretGenerator reads encrypted dotenv and JSON files")
  void pgpSecretGenerator() throws Exception {
    keysSecret(Map.of("sops.asc", SopsFiles.pgpSecretKey()));
    repo.write("base/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        generatorOptions: {disableNameSuffixHash: true}
        secretGenerator:
        - name: creds
          envs: [creds.env]
          files: [config.json]
        """);
    repo.write("base/creds.env", SopsFiles.encryptPgp("creds.env", "API_TOKEN=tok-123\nREGION=eu\n"));
    repo.write("base/config.json", SopsFiles.encryptPgp("config.json", "{\"endpoint\": \"https://db\", \"pass\": \"pw-456\"}"));
    String sha = repo.commit("generated from encrypted files");
    createApp(app("gen", ns, repo.url(), "base", DECRYPT_WITH_KEYS));
    awaitApp("gen", a -> syncedAt(a, sha) && healthy(a));
    assertThat(secretValue("creds", "API_TOKEN")).isEqualTo("tok-123");
    assertThat(secretValue("creds", "REGION")).isEqualTo("eu");
    assertThat(secretValue("creds", "config.json")).contains("\"pw-456\"").doesNotContain("ENC[");
  }

  @Test
  @DisplayName("Helm: an encrypted value file (helm-secrets style) renders in clear")
  void helmValueFiles() throws Exception {
    SopsFiles.Age key = SopsFiles.newAgeKey();
    keysSecret(Map.of("age.agekey", key.identity()));
    repo.write("chart/Chart.yaml", "apiVersion: v2\nname: with-secrets\nversion: 0.1.0\n");
    repo.write("chart/values.yaml", "db: {password: none}\n");
    repo.write("chart/secrets.enc.yaml", SopsFiles.encryptAge("secrets.enc.yaml", "db:\n  password: helm-pw-789\n",
        key.recipient()));
    repo.write("chart/templates/secret.yaml", """
        apiVersion: v1
        kind: Secret
        metadata: {name: {{ .Release.Name }}-db}
        stringData:
          password: {{ .Values.db.password | quote }}
        """);
    String sha = repo.commit("chart with encrypted values");
    createApp(app("chart", ns, repo.url(), "chart", DECRYPT_WITH_KEYS).replace("    path: chart\n",
        "    path: chart\n    helm:\n      valueFiles: [secrets.enc.yaml]\n"));
    awaitApp("chart", a -> syncedAt(a, sha) && healthy(a));
    assertThat(secretValue("chart-db", "password")).isEqualTo("helm-pw-789");
  }

  @Test
  @DisplayName("a key that does not open the file, or no spec.decryption: a clear condition and nothing applied")
  void wrongKeyOrNoDecryption() throws Exception {
    SopsFiles.Age key = SopsFiles.newAgeKey();
    SopsFiles.Age other = SopsFiles.newAgeKey();
    keysSecret(Map.of("age.agekey", other.identity()));
    repo.write("app/secret.enc.yaml", SopsFiles.encryptAge("secret.enc.yaml", SECRET_MANIFEST.formatted("never-seen"),
        key.recipient()));
    repo.write("app/cm.yaml", Manifests.configMap("plain", "v"));
    repo.commit("encrypted for another key");
    createApp(app("wrong", ns, repo.url(), "app", DECRYPT_WITH_KEYS));
    createApp(app("none", ns, repo.url(), "app", ""));
    Application wrong = awaitApp("wrong", a -> conditionIs(a, "Ready", "False"));
    Application none = awaitApp("none", a -> conditionIs(a, "Ready", "False"));
    assertThat(condition(wrong, "Ready").orElseThrow().getReason()).isEqualTo("DecryptionFailed");
    assertThat(condition(wrong, "Ready").orElseThrow().getMessage()).contains("secret.enc.yaml");
    assertThat(condition(none, "Ready").orElseThrow().getMessage())
        .contains("secret.enc.yaml").contains("spec.decryption");
    await().during(java.time.Duration.ofSeconds(2)).atMost(java.time.Duration.ofSeconds(5)).until(() ->
        client.secrets().inNamespace(ns).withName("db").get() == null
            && client.configMaps().inNamespace(ns).withName("plain").get() == null);
  }
}
