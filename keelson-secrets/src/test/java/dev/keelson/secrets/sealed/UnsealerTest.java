package dev.keelson.secrets.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.api.bitnami.v1alpha1.SecretTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scopes end to end through Sealer and Unsealer, as the controller and kubeseal use them. */
class UnsealerTest {

  private static Secret secret(String ns, String name, Map<String, String> stringData) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withStringData(stringData).build();
  }

  /** The same sealed data, presented as a SealedSecret of another namespace and name. */
  private static SealedSecret movedTo(SealedSecret s, String ns, String name) {
    SealedSecret copy = Fixtures.JSON.clone(s);
    copy.getMetadata().setNamespace(ns);
    copy.getMetadata().setName(name);
    return copy;
  }

  private static String value(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  private Unsealer unsealer() throws Exception {
    return new Unsealer(List.of(Fixtures.key().privateKey()));
  }

  private SealedSecret seal(Secret s, SealingScope scope) throws Exception {
    return new Sealer(Fixtures.key().publicKey()).seal(s, scope);
  }

  @Test
  void strictOpensOnlyUnderItsOwnNamespaceAndName() throws Exception {
    SealedSecret sealed = seal(secret("ns1", "a", Map.of("password", "p4ss")), SealingScope.STRICT);
    assertThat(sealed.getMetadata().getAnnotations()).isNullOrEmpty();
    Secret opened = unsealer().unseal(sealed);
    assertThat(value(opened, "password")).isEqualTo("p4ss");
    assertThat(opened.getMetadata().getNamespace()).isEqualTo("ns1");
    assertThat(opened.getMetadata().getName()).isEqualTo("a");

    for (String[] where : new String[][] {{"ns1", "b"}, {"ns2", "a"}, {"ns2", "b"}}) {
      assertThatThrownBy(() -> unsealer().unseal(movedTo(sealed, where[0], where[1])))
          .isInstanceOf(SealedSecretException.class)
          .hasMessage("no key could decrypt secret (password)")
          .hasMessageNotContaining("p4ss");
    }
  }

  @Test
  void theTemplateCannotWidenTheScope() throws Exception {
    SealedSecret sealed = seal(secret("ns1", "a", Map.of("k", "v")), SealingScope.STRICT);
    SealedSecret moved = movedTo(sealed, "ns1", "b");
    // only the SealedSecret's own annotations count; a cluster-wide claim in the template is ignored
    moved.getSpec().template.metadata.annotations = Map.of("sealedsecrets.bitnami.com/cluster-wide", "true");
    assertThatThrownBy(() -> unsealer().unseal(moved)).isInstanceOf(SealedSecretException.class);
    // and claiming it on the SealedSecret changes the label, so it does not open either
    SealedSecret claimed = movedTo(sealed, "ns1", "a");
    claimed.getMetadata().setAnnotations(Map.of("sealedsecrets.bitnami.com/cluster-wide", "true"));
    assertThatThrownBy(() -> unsealer().unseal(claimed)).isInstanceOf(SealedSecretException.class);
  }

  @Test
  void namespaceWideOpensUnderAnyNameInItsNamespaceOnly() throws Exception {
    SealedSecret sealed = seal(secret("ns1", "a", Map.of("k", "v")), SealingScope.NAMESPACE_WIDE);
    assertThat(sealed.getMetadata().getAnnotations()).containsEntry("sealedsecrets.bitnami.com/namespace-wide", "true");
    assertThat(value(unsealer().unseal(movedTo(sealed, "ns1", "other")), "k")).isEqualTo("v");
    assertThatThrownBy(() -> unsealer().unseal(movedTo(sealed, "ns2", "a"))).isInstanceOf(SealedSecretException.class);
  }

  @Test
  void clusterWideOpensAnywhere() throws Exception {
    SealedSecret sealed = seal(secret(null, "a", Map.of("k", "v")), SealingScope.CLUSTER_WIDE);
    assertThat(sealed.getMetadata().getAnnotations()).containsEntry("sealedsecrets.bitnami.com/cluster-wide", "true");
    assertThat(value(unsealer().unseal(movedTo(sealed, "ns9", "zz")), "k")).isEqualTo("v");
  }

  @Test
  void aScopeNeedsItsNamespace() throws Exception {
    assertThatThrownBy(() -> seal(secret(null, "a", Map.of("k", "v")), SealingScope.STRICT))
        .isInstanceOf(SealedSecretException.class).hasMessageContaining("no namespace");
  }

  @Test
  void dataAndStringDataAreBothSealedAndLastAppliedIsDropped() throws Exception {
    Secret s = new SecretBuilder()
        .withNewMetadata().withName("a").withNamespace("ns1")
            .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"stringData\":{\"k\":\"clear\"}}")
            .addToAnnotations("team", "blue").addToLabels("app", "web").endMetadata()
        .withType("kubernetes.io/basic-auth")
        .withData(Map.of("username", Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8))))
        .withStringData(Map.of("password", "pw"))
        .build();
    SealedSecret sealed = seal(s, SealingScope.STRICT);
    String yaml = Fixtures.JSON.asYaml(sealed);
    assertThat(yaml).doesNotContain("clear").doesNotContain("last-applied").doesNotContain("admin\n");
    assertThat(sealed.getSpec().encryptedData).containsOnlyKeys("username", "password");
    assertThat(sealed.getSpec().template.type).isEqualTo("kubernetes.io/basic-auth");
    Secret opened = unsealer().unseal(sealed);
    assertThat(value(opened, "username")).isEqualTo("admin");
    assertThat(value(opened, "password")).isEqualTo("pw");
    assertThat(opened.getType()).isEqualTo("kubernetes.io/basic-auth");
    assertThat(opened.getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(opened.getMetadata().getAnnotations()).containsEntry("team", "blue").doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");
  }

  @Test
  void theSecretIsOwnedByItsSealedSecretUnlessTheTemplateSaysNot() throws Exception {
    SealedSecret sealed = seal(secret("ns1", "a", Map.of("k", "v")), SealingScope.STRICT);
    sealed.getMetadata().setUid("uid-1");
    var ref = unsealer().unseal(sealed).getMetadata().getOwnerReferences();
    assertThat(ref).singleElement().satisfies(r -> {
      assertThat(r.getApiVersion()).isEqualTo("bitnami.com/v1alpha1");
      assertThat(r.getKind()).isEqualTo("SealedSecret");
      assertThat(r.getName()).isEqualTo("a");
      assertThat(r.getUid()).isEqualTo("uid-1");
      assertThat(r.getController()).isTrue();
    });
    sealed.getSpec().template.metadata.annotations = Map.of("sealedsecrets.bitnami.com/skip-set-owner-references", "true");
    assertThat(unsealer().unseal(sealed).getMetadata().getOwnerReferences()).isNullOrEmpty();
  }

  @Test
  void templateDataIsComputedFromTheOpenedValues() throws Exception {
    SealedSecret sealed = seal(secret("ns1", "a", Map.of("user", "admin", "pass", "s3cret", "drop", "x")), SealingScope.STRICT);
    SecretTemplateSpec t = sealed.getSpec().template;
    t.immutable = true;
    t.data = new LinkedHashMap<>();
    t.data.put("config.yaml", "user: {{ .user }}\npass: {{ index . \"pass\" | quote }}\n{{- /* trimmed */ -}}\n");
    t.data.put("auth", "{{ b64enc .user }}");
    t.data.put("drop", null);
    Secret opened = unsealer().unseal(sealed);
    assertThat(value(opened, "config.yaml")).isEqualTo("user: admin\npass: \"s3cret\"");
    assertThat(value(opened, "auth")).isEqualTo(Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8)));
    assertThat(opened.getData()).doesNotContainKey("drop").containsKeys("user", "pass");
    assertThat(opened.getImmutable()).isTrue();

    t.data = Map.of("bad", "{{ .missing }}");
    assertThatThrownBy(() -> unsealer().unseal(sealed)).hasMessage("template for key bad: refers to missing, which is not among the encrypted keys");
    t.data = Map.of("bad", "{{ env \"HOME\" }}");
    assertThatThrownBy(() -> unsealer().unseal(sealed)).hasMessage("template for key bad: unsupported function env");
  }

  @Test
  void rawValuesOpenInTheSealedSecretTheyWereSealedFor() throws Exception {
    Sealer sealer = new Sealer(Fixtures.key().publicKey());
    String blob = sealer.sealRaw("raw!".getBytes(StandardCharsets.UTF_8), "ns1", "a", SealingScope.STRICT);
    assertThat(blob).matches("Ag[A-D].*");
    SealedSecret s = Fixtures.JSON.unmarshal("""
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata: {name: a, namespace: ns1}
        spec: {encryptedData: {k: %s}}
        """.formatted(blob), SealedSecret.class);
    assertThat(value(unsealer().unseal(s), "k")).isEqualTo("raw!");
    assertThatThrownBy(() -> sealer.sealRaw(new byte[1], "ns1", null, SealingScope.STRICT)).hasMessageContaining("--name");
  }

  @Test
  void theDeprecatedDataFieldIsRefusedWithAReason() {
    SealedSecret s = Fixtures.JSON.unmarshal("""
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata: {name: a, namespace: ns1}
        spec: {data: AgBy}
        """, SealedSecret.class);
    assertThatThrownBy(() -> new Unsealer(List.of()).unseal(s)).hasMessageContaining("deprecated spec.data");
  }
}
