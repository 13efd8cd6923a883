package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.api.bitnami.v1alpha1.SecretTemplateMetadata;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.secrets.sealed.KeySecrets;
import dev.keelson.secrets.sealed.Sealer;
import dev.keelson.secrets.sealed.SealingScope;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Unsealing by the controller: scopes, template, ownership, takeover, status, health, hygiene. */
class SealedSecretUnsealTest extends SealedSecretsTestBase {
  static Sealer sealer;

  @BeforeAll
  static void start() throws Exception {
    startController(Duration.ofDays(30), keyNamespace -> {});
    ConfigMap published = awaitPublishedCert(cm -> true);
    sealer = sealerOf(published);
  }

  @Test
  @DisplayName("the first start generates one RSA-4096 tls key Secret, labelled active, and publishes its certificate")
  void firstStartGeneratesAKey() throws Exception {
    List<Secret> keys = keySecrets();
    assertThat(keys).hasSize(1);
    Secret key = keys.get(0);
    assertThat(key.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(key.getMetadata().getName()).startsWith("sealed-secrets-key");
    assertThat(new String(Base64.getDecoder().decode(key.getData().get("tls.key")), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN RSA PRIVATE KEY-----");
    var loaded = KeySecrets.fromSecret(key);
    assertThat(loaded.publicKey().getModulus().bitLength()).isEqualTo(4096);
    ConfigMap published = awaitPublishedCert(cm -> true);
    assertThat(published.getData().get("cert.pem")).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(published.getData().get("key")).isEqualTo(key.getMetadata().getName());
    assertThat(published.getData().toString()).doesNotContain("PRIVATE");
  }

  @Test
  @DisplayName("a kubeseal-style manifest (creationTimestamp: null in metadata and template) applies unchanged and opens, owned by its SealedSecret")
  void strictScopeOpensAndIsOwned() throws Exception {
    SealedSecret s = seal(sealer, ns, "db", Map.of("password", "s3cr3t-strict", "user", "app"), SealingScope.STRICT);
    String yaml = """
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          creationTimestamp: null
          name: db
          namespace: %s
        spec:
          encryptedData:
            password: %s
            user: %s
          template:
            metadata:
              creationTimestamp: null
              name: db
              namespace: %s
        """.formatted(ns, s.getSpec().encryptedData.get("password"), s.getSpec().encryptedData.get("user"), ns);
    SealedSecret created = createYaml(yaml);
    SealedSecret done = awaitSynced(ns, "db", "True");
    assertThat(done.getStatus().observedGeneration).isEqualTo(1L);
    Secret secret = secret(ns, "db");
    assertThat(value(secret, "password")).isEqualTo("s3cr3t-strict");
    assertThat(value(secret, "user")).isEqualTo("app");
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> {
      assertThat(r.getApiVersion()).isEqualTo("bitnami.com/v1alpha1");
      assertThat(r.getKind()).isEqualTo("SealedSecret");
      assertThat(r.getName()).isEqualTo("db");
      assertThat(r.getUid()).isEqualTo(created.getMetadata().getUid());
      assertThat(r.getController()).isTrue();
    });
    // health: the real status, read as the app's health assessment reads it
    Map<String, Object> live = client.getKubernetesSerialization().convertValue(done, Map.class);
    assertThat(new HealthAssessor().assess(live).status()).isEqualTo(HealthStatus.Healthy);

    // a deleted Secret comes back
    client.secrets().inNamespace(ns).withName("db").delete();
    awaitSecret(ns, "db", x -> x.getMetadata().getDeletionTimestamp() == null && "s3cr3t-strict".equals(value(x, "password")));
  }

  @Test
  @DisplayName("sealed for one name or namespace never opens under another: Synced False with the reason, no Secret")
  void wrongNameOrNamespaceNeverOpens() throws Exception {
    SealedSecret forA = seal(sealer, ns, "a", Map.of("password", "never-shown-1"), SealingScope.STRICT);
    SealedSecret asB = client.getKubernetesSerialization().clone(forA);
    asB.getMetadata().setName("b");
    create(asB);
    SealedSecret failed = awaitSynced(ns, "b", "False");
    var c = synced(failed).orElseThrow();
    assertThat(c.reason).isEqualTo("ErrUnsealFailed");
    assertThat(c.message).isEqualTo("no key could decrypt secret (password)");
    assertThat(secret(ns, "b")).isNull();
    Map<String, Object> live = client.getKubernetesSerialization().convertValue(failed, Map.class);
    var health = new HealthAssessor().assess(live);
    assertThat(health.status()).isEqualTo(HealthStatus.Degraded);
    assertThat(health.message()).contains("no key could decrypt secret");

    String other = cluster.createNamespace("sealed-other");
    SealedSecret elsewhere = client.getKubernetesSerialization().clone(forA);
    elsewhere.getMetadata().setNamespace(other);
    create(elsewhere);
    awaitSynced(other, "a", "False");
    assertThat(secret(other, "a")).isNull();

    assertNoValueInEventsOrStatus(ns, "never-shown-1");
    assertNoValueInEventsOrStatus(other, "never-shown-1");
  }

  @Test
  @DisplayName("an edit that cannot be opened leaves the Secret exactly as it was")
  void aBadEditChangesNothing() throws Exception {
    create(seal(sealer, ns, "app", Map.of("token", "good-token"), SealingScope.STRICT));
    awaitSynced(ns, "app", "True");
    Secret before = secret(ns, "app");
    SealedSecret wrong = seal(sealer, ns, "not-app", Map.of("token", "bad-token"), SealingScope.STRICT);
    RetryOnConflict.edit(client.resources(SealedSecret.class).inNamespace(ns).withName("app"), s -> {
      s.getSpec().encryptedData = new LinkedHashMap<>(wrong.getSpec().encryptedData);
      return s;
    });
    SealedSecret failed = awaitSynced(ns, "app", "False");
    assertThat(failed.getStatus().observedGeneration).isEqualTo(2L);
    Secret after = secret(ns, "app");
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(value(after, "token")).isEqualTo("good-token");
    assertNoValueInEventsOrStatus(ns, "bad-token");
  }

  @Test
  @DisplayName("namespace-wide opens under any name in its namespace, not in another; cluster-wide opens anywhere")
  void namespaceAndClusterWide() throws Exception {
    SealedSecret nsWide = seal(sealer, ns, "original", Map.of("k", "ns-wide-value"), SealingScope.NAMESPACE_WIDE);
    nsWide.getMetadata().setName("renamed");
    create(nsWide);
    awaitSynced(ns, "renamed", "True");
    assertThat(value(secret(ns, "renamed"), "k")).isEqualTo("ns-wide-value");

    String other = cluster.createNamespace("sealed-other");
    SealedSecret moved = seal(sealer, ns, "original", Map.of("k", "ns-wide-value"), SealingScope.NAMESPACE_WIDE);
    moved.getMetadata().setNamespace(other);
    create(moved);
    awaitSynced(other, "original", "False");
    assertThat(secret(other, "original")).isNull();

    SealedSecret anywhere = seal(sealer, null, "anywhere", Map.of("k", "cluster-value"), SealingScope.CLUSTER_WIDE);
    anywhere.getMetadata().setNamespace(other);
    anywhere.getMetadata().setName("somewhere");
    create(anywhere);
    awaitSynced(other, "somewhere", "True");
    assertThat(value(secret(other, "somewhere"), "k")).isEqualTo("cluster-value");
  }

  @Test
  @DisplayName("spec.template gives the Secret its labels, annotations, type, immutability and templated keys")
  void templateShapesTheSecret() throws Exception {
    SealedSecret s = seal(sealer, ns, "login", Map.of("username", "admin", "password", "pw-templated"), SealingScope.STRICT);
    SecretTemplateMetadata tm = s.getSpec().template.metadata;
    tm.labels = Map.of("app", "shop");
    tm.annotations = Map.of("team", "payments");
    s.getSpec().template.type = "kubernetes.io/basic-auth";
    s.getSpec().template.immutable = true;
    s.getSpec().template.data = Map.of("dsn", "postgres://{{ .username }}:{{ index . \"password\" }}@db:5432/shop");
    create(s);
    awaitSynced(ns, "login", "True");
    Secret secret = secret(ns, "login");
    assertThat(secret.getType()).isEqualTo("kubernetes.io/basic-auth");
    assertThat(secret.getImmutable()).isTrue();
    assertThat(secret.getMetadata().getLabels()).containsEntry("app", "shop");
    assertThat(secret.getMetadata().getAnnotations()).containsEntry("team", "payments");
    assertThat(value(secret, "dsn")).isEqualTo("postgres://admin:pw-templated@db:5432/shop");
    assertThat(value(secret, "username")).isEqualTo("admin");
  }

  @Test
  @DisplayName("an existing Secret is left alone unless annotated managed (taken over) or patch (keys merged in)")
  void managedAndPatchAnnotations() throws Exception {
    Secret existing = client.secrets().inNamespace(ns).resource(new SecretBuilder()
        .withNewMetadata().withName("legacy").endMetadata()
        .withStringData(Map.of("old", "kept-before")).build()).create();
    create(seal(sealer, ns, "legacy", Map.of("new", "sealed-new"), SealingScope.STRICT));
    SealedSecret refused = awaitSynced(ns, "legacy", "False");
    assertThat(synced(refused).orElseThrow().message).isEqualTo("Resource \"legacy\" already exists and is not managed by SealedSecret");
    assertThat(synced(refused).orElseThrow().reason).isEqualTo("ErrUpdateFailed");
    assertThat(secret(ns, "legacy").getMetadata().getResourceVersion()).isEqualTo(existing.getMetadata().getResourceVersion());

    // managed: replaced (the old key goes) and owned from now on
    RetryOnConflict.edit(client.secrets().inNamespace(ns).withName("legacy"), x -> {
      x.getMetadata().setAnnotations(Map.of("sealedsecrets.bitnami.com/managed", "true"));
      return x;
    });
    awaitSynced(ns, "legacy", "True");
    Secret taken = secret(ns, "legacy");
    assertThat(taken.getData()).containsOnlyKeys("new");
    assertThat(taken.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> assertThat(r.getName()).isEqualTo("legacy"));

    // patch: the sealed keys are merged into the existing Secret, which stays unowned
    client.secrets().inNamespace(ns).resource(new SecretBuilder()
        .withNewMetadata().withName("shared").withAnnotations(Map.of("sealedsecrets.bitnami.com/patch", "true"))
            .withLabels(Map.of("keep", "me")).endMetadata()
        .withStringData(Map.of("other", "from-elsewhere", "api-key", "to-be-replaced")).build()).create();
    create(seal(sealer, ns, "shared", Map.of("api-key", "sealed-api-key"), SealingScope.STRICT));
    awaitSynced(ns, "shared", "True");
    Secret patched = awaitSecret(ns, "shared", x -> "sealed-api-key".equals(value(x, "api-key")));
    assertThat(value(patched, "other")).isEqualTo("from-elsewhere");
    assertThat(patched.getMetadata().getLabels()).containsEntry("keep", "me");
    assertThat(patched.getMetadata().getOwnerReferences()).isNullOrEmpty();
  }

  @Test
  @DisplayName("the controller holds exactly the one generated key (no second key on start)")
  void oneKeyOnly() {
    assertThat(keySecrets()).hasSize(1);
    assertThat(controller.sealingKeys().orElseThrow().keys()).singleElement()
        .satisfies(k -> assertThat(k.name()).isEqualTo(keySecrets().get(0).getMetadata().getName()));
  }

  static void assertNoValueInEventsOrStatus(String namespace, String value) {
    var events = client.v1().events().inNamespace(namespace).list().getItems();
    assertThat(client.getKubernetesSerialization().asYaml(events)).doesNotContain(value);
    var all = client.resources(SealedSecret.class).inNamespace(namespace).list().getItems();
    all.forEach(s -> assertThat(client.getKubernetesSerialization().asYaml(s.getStatus())).doesNotContain(value));
  }
}
