package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.secrets.sealed.KeyGenerator;
import dev.keelson.secrets.sealed.Pem;
import dev.keelson.secrets.sealed.SealingKey;
import dev.keelson.secrets.sealed.Unsealer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `keelson seal` offline: --cert, --raw, --merge-into, --re-encrypt and --recovery-unseal. */
class SealCommandTest {
  static final KubernetesSerialization JSON = new KubernetesSerialization();
  static SealingKey oldKey;
  static SealingKey newKey;
  static Path dir;
  static Path oldCert;
  static Path newCert;
  static Path oldPem;
  static Path newPem;

  static final String SECRET = """
      apiVersion: v1
      kind: Secret
      metadata:
        name: db
        namespace: shop
        labels: {app: shop}
      type: Opaque
      stringData:
        password: cli-s3cret
      data:
        user: YWRtaW4=
      """;

  @BeforeAll
  static void keys(@TempDir Path tmp) throws Exception {
    dir = tmp;
    oldKey = KeyGenerator.generate("old", Instant.now().minusSeconds(3600));
    newKey = KeyGenerator.generate("new", Instant.now());
    oldCert = Files.writeString(tmp.resolve("old.crt"), Pem.certificate(oldKey.certificate()));
    newCert = Files.writeString(tmp.resolve("new.crt"), Pem.certificate(newKey.certificate()));
    oldPem = Files.writeString(tmp.resolve("old.key"), Pem.privateKey(oldKey.privateKey()));
    newPem = Files.writeString(tmp.resolve("new.key"), Pem.privateKey(newKey.privateKey()));
  }

  static String value(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  static Secret open(SealingKey key, SealedSecret s) throws Exception {
    return new Unsealer(List.of(key.privateKey())).unseal(s);
  }

  @Test
  @DisplayName("a Secret on stdin becomes a SealedSecret (json by default, yaml on request) that opens with the key and shows no value")
  void sealFromStdin() throws Exception {
    SealRun.Result r = SealRun.run(SECRET, "seal", "--cert", oldCert.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("{").doesNotContain("cli-s3cret").doesNotContain("YWRtaW4=");
    SealedSecret sealed = JSON.unmarshal(r.out(), SealedSecret.class);
    assertThat(sealed.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(sealed.getSpec().encryptedData).containsOnlyKeys("password", "user");
    Secret opened = open(oldKey, sealed);
    assertThat(value(opened, "password")).isEqualTo("cli-s3cret");
    assertThat(value(opened, "user")).isEqualTo("admin");
    assertThat(opened.getMetadata().getLabels()).containsEntry("app", "shop");

    SealRun.Result yaml = SealRun.run(SECRET, "seal", "--cert", oldCert.toString(), "--format", "yaml",
        "--scope", "namespace-wide", "-n", "other");
    assertThat(yaml.code()).as(yaml.err()).isZero();
    assertThat(yaml.out()).startsWith("apiVersion: \"bitnami.com/v1alpha1\"").contains("sealedsecrets.bitnami.com/namespace-wide");
    SealedSecret nsWide = JSON.unmarshal(yaml.out(), SealedSecret.class);
    assertThat(nsWide.getMetadata().getNamespace()).isEqualTo("other");
    nsWide.getMetadata().setName("any-name");
    assertThat(value(open(oldKey, nsWide), "password")).isEqualTo("cli-s3cret");
  }

  @Test
  @DisplayName("--raw seals one value for --name/--namespace and prints only its blob")
  void raw() throws Exception {
    SealRun.Result r = SealRun.run("raw-value", "seal", "--raw", "--name", "db", "--namespace", "shop", "--cert", oldCert.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).matches("Ag[A-D][A-Za-z0-9+/=]+");
    SealedSecret s = JSON.unmarshal("""
        {"apiVersion":"bitnami.com/v1alpha1","kind":"SealedSecret","metadata":{"name":"db","namespace":"shop"},
         "spec":{"encryptedData":{"k":"%s"}}}""".formatted(r.out()), SealedSecret.class);
    assertThat(value(open(oldKey, s), "k")).isEqualTo("raw-value");

    Path file = Files.writeString(dir.resolve("value.txt"), "from-a-file");
    SealRun.Result f = SealRun.run("", "seal", "--raw", "--from-file", file.toString(), "--scope", "cluster-wide", "--cert", oldCert.toString());
    assertThat(f.code()).as(f.err()).isZero();
    SealRun.Result noName = SealRun.run("v", "seal", "--raw", "--namespace", "shop", "--cert", oldCert.toString());
    assertThat(noName.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(noName.err()).contains("--name");
  }

  @Test
  @DisplayName("--merge-into adds the Secret's keys to an existing SealedSecret file, sealed for its name and namespace")
  void mergeInto() throws Exception {
    Path file = dir.resolve("merge.yaml");
    SealRun.Result first = SealRun.run(SECRET, "seal", "--cert", oldCert.toString(), "-o", "yaml");
    Files.writeString(file, first.out());
    SealedSecret before = JSON.unmarshal(first.out(), SealedSecret.class);

    SealRun.Result r = SealRun.run("""
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"ignored"},"stringData":{"extra":"merged-value","password":"changed"}}
        """, "seal", "--cert", oldCert.toString(), "--merge-into", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    SealedSecret after = JSON.unmarshal(Files.readString(file), SealedSecret.class);
    assertThat(after.getSpec().encryptedData).containsOnlyKeys("password", "user", "extra");
    assertThat(after.getSpec().encryptedData.get("user")).isEqualTo(before.getSpec().encryptedData.get("user"));
    Secret opened = open(oldKey, after);
    assertThat(value(opened, "extra")).isEqualTo("merged-value");
    assertThat(value(opened, "password")).isEqualTo("changed");
    assertThat(value(opened, "user")).isEqualTo("admin");
  }

  @Test
  @DisplayName("--re-encrypt moves every SealedSecret in a directory to the newest key, leaving the rest of each file as it was")
  void reEncryptRoundTrip() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo/apps"));
    String sealedYaml = SealRun.run(SECRET, "seal", "--cert", oldCert.toString(), "-o", "yaml").out();
    String multi = "# shop secrets, sealed\n" + sealedYaml + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {a: b}\n";
    Path a = Files.writeString(repo.resolve("sealed.yaml"), multi);
    Path b = Files.writeString(dir.resolve("repo/other.json"),
        SealRun.run(SECRET.replace("name: db", "name: cache"), "seal", "--cert", oldCert.toString()).out());
    Path untouched = Files.writeString(dir.resolve("repo/readme.yaml"), "kind: Nothing\n");

    SealRun.Result r = SealRun.run("", "seal", "--re-encrypt", "--from-file", dir.resolve("repo").toString(),
        "--recovery-private-key", oldPem.toString(), "--cert", newCert.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("re-encrypted 2 SealedSecret(s) in 2 file(s)");

    String rewritten = Files.readString(a);
    assertThat(rewritten).startsWith("# shop secrets, sealed\n").endsWith("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {a: b}\n");
    SealedSecret moved = JSON.unmarshal(SealDocumentsAccess.first(rewritten), SealedSecret.class);
    assertThat(value(open(newKey, moved), "password")).isEqualTo("cli-s3cret");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(oldKey, moved)).hasMessageContaining("no key could decrypt");
    assertThat(value(open(newKey, JSON.unmarshal(Files.readString(b), SealedSecret.class)), "user")).isEqualTo("admin");
    assertThat(Files.readString(untouched)).isEqualTo("kind: Nothing\n");

    // stdin to stdout works too; a blob no given key opens is an error and nothing is written
    SealRun.Result wrongKey = SealRun.run(rewritten, "seal", "--re-encrypt", "--recovery-private-key", oldPem.toString(),
        "--cert", newCert.toString());
    assertThat(wrongKey.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(wrongKey.err()).contains("no key could decrypt secret").doesNotContain("cli-s3cret");
    SealRun.Result back = SealRun.run(rewritten, "seal", "--re-encrypt", "--recovery-private-key", newPem.toString(),
        "--cert", oldCert.toString());
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(value(open(oldKey, JSON.unmarshal(SealDocumentsAccess.first(back.out()), SealedSecret.class)), "password"))
        .isEqualTo("cli-s3cret");
  }

  @Test
  @DisplayName("--recovery-unseal opens SealedSecrets offline with private key files (PEM or an upstream key backup) and prints the Secrets")
  void recoveryUnseal() throws Exception {
    String sealed = SealRun.run(SECRET, "seal", "--cert", oldCert.toString(), "-o", "yaml").out();
    SealRun.Result r = SealRun.run(sealed, "seal", "--recovery-unseal", "--recovery-private-key", newPem + "," + oldPem, "-o", "yaml");
    assertThat(r.code()).as(r.err()).isZero();
    Secret secret = JSON.unmarshal(r.out(), Secret.class);
    assertThat(value(secret, "password")).isEqualTo("cli-s3cret");
    assertThat(secret.getMetadata().getOwnerReferences()).isNullOrEmpty();

    // an upstream backup (kubectl get secret -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml) and Go-sealed blobs
    Path backup = Files.writeString(dir.resolve("main.key.yaml"), resource("upstream-keys.yaml"));
    Path goSealed = Files.writeString(dir.resolve("go-sealed.yaml"), resource("sealed-by-go.yaml"));
    SealRun.Result go = SealRun.run("", "seal", "--recovery-unseal", "--recovery-private-key", backup.toString(),
        "--from-file", goSealed.toString(), "-o", "yaml");
    assertThat(go.code()).as(go.err()).isZero();
    assertThat(go.out()).contains("name: \"a\"").contains("name: \"anywhere\"");
    String[] docs = go.out().split("(?m)^---$");
    assertThat(value(JSON.unmarshal(docs[0], Secret.class), "password")).isEqualTo("s3cr3t-from-go");

    SealRun.Result none = SealRun.run(sealed, "seal", "--recovery-unseal", "--recovery-private-key", newPem.toString());
    assertThat(none.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(none.err()).contains("no key could decrypt secret (password, user)").doesNotContain("cli-s3cret");
  }

  static String resource(String name) throws Exception {
    try (var in = SealCommandTest.class.getResourceAsStream("/sealed/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The first document of a multi-document text, for parsing. */
  static final class SealDocumentsAccess {
    static String first(String text) {
      return SealDocuments.split(text).stream().filter(d -> d.contains("SealedSecret")).findFirst().orElseThrow();
    }
  }
}
