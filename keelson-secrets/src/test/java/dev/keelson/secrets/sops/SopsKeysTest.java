package dev.keelson.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys from a decryption Secret, Flux's naming. */
class SopsKeysTest {
  @TempDir Path tmp;

  @Test
  @DisplayName(".agekey entries hold age identities (comments ignored), .asc entries armored OpenPGP secret keys; others are ignored")
  void fromSecretData() throws Exception {
    Tools.AgeKey a = Tools.ageKeygen(tmp);
    Tools.AgeKey b = Tools.ageKeygen(tmp);
    String two = a.keysFile() + "\n# another\n" + b.keysFile().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow() + "\n";
    SopsKeys keys = SopsKeys.fromSecretData(Map.of(
        "identity.agekey", two.getBytes(StandardCharsets.UTF_8),
        "sops.asc", Fixtures.read("sops_functional_tests_key.asc"),
        "README", "ignored".getBytes(StandardCharsets.UTF_8)));
    assertThat(keys.isEmpty()).isFalse();
    assertThat(keys.toString()).isEqualTo("SopsKeys[age identities: 2, OpenPGP keys: 2]").doesNotContain("AGE-SECRET-KEY");
    assertThat(keys.pgpFingerprints()).containsExactly("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "D7229043384BCC60326C6FB9D8720D957C3D3074");

    byte[] enc = Sops.encrypt("f.yaml", "k: v\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, SopsEncryptOptions.age(b.recipient()));
    assertThat(Sops.decrypt("f.yaml", enc, SopsFormat.YAML, keys)).isEqualTo("k: v\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Sops.decrypt("example.yaml", Fixtures.read("example.yaml"), SopsFormat.YAML, keys)).isNotEmpty();
  }

  @Test
  @DisplayName("no key at all is empty")
  void empty() throws Exception {
    assertThat(SopsKeys.fromSecretData(Map.of()).isEmpty()).isTrue();
    assertThat(SopsKeys.fromSecretData(Map.of("other", new byte[] {1})).isEmpty()).isTrue();
    assertThat(SopsKeys.fromSecretData(Map.of("empty.agekey", "# nothing\n".getBytes(StandardCharsets.UTF_8))).isEmpty()).isTrue();
  }

  @Test
  @DisplayName("a malformed age identity is an error naming the entry and line, never the key")
  void badAgeKey() throws Exception {
    String good = Tools.ageKeygen(tmp).keysFile().lines().filter(l -> l.startsWith("AGE-")).findFirst().orElseThrow();
    String broken = good.substring(0, good.length() - 2) + (good.endsWith("QQ") ? "PP" : "QQ");
    assertThatThrownBy(() -> SopsKeys.fromSecretData(Map.of("bad.agekey", ("# c\n" + broken).getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(SopsException.class)
        .hasMessage("bad.agekey: line 2 is not a valid age identity (bad encoding or checksum)")
        .hasMessageNotContaining(broken);
    assertThatThrownBy(() -> SopsKeys.fromSecretData(Map.of("x.agekey", "hello\n".getBytes(StandardCharsets.UTF_8))))
        .hasMessage("x.agekey: line 1 is not an age identity (AGE-SECRET-KEY-1...)").hasMessageNotContaining("hello");
  }

  @Test
  @DisplayName("a passphrase-protected OpenPGP key is a clear error; a public key is not a secret key")
  void protectedPgpKey() throws Exception {
    Map<String, String> env = Map.of("GNUPGHOME", tmp.resolve("gnupg").toString());
    java.nio.file.Files.createDirectories(tmp.resolve("gnupg"));
    java.nio.file.Files.setPosixFilePermissions(tmp.resolve("gnupg"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    byte[] armored;
    byte[] pub;
    try {
      Tools.ok(env, null, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "correct horse",
          "--quick-gen-key", "Protected <p@example.com>", "ed25519", "default", "never");
      armored = Tools.ok(env, null, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "correct horse",
          "--export-secret-keys", "--armor").out();
      pub = Tools.ok(env, null, "gpg", "--batch", "--export", "--armor").out();
    } finally {
      Tools.stopAgent(env);
    }
    assertThatThrownBy(() -> SopsKeys.fromSecretData(Map.of("protected.asc", armored)))
        .isInstanceOf(SopsException.class)
        .hasMessageStartingWith("protected.asc: the OpenPGP secret key ")
        .hasMessageContaining("is protected by a passphrase");
    assertThatThrownBy(() -> SopsKeys.fromSecretData(Map.of("public.asc", pub)))
        .isInstanceOf(SopsException.class).hasMessage("public.asc: holds no OpenPGP secret key");
  }

  @Test
  @DisplayName("no toString shows a value: tree nodes and options print only shapes")
  void noSecretsInToString() {
    assertThat(Node.Str.of("hunter2").toString()).doesNotContain("hunter2");
    assertThat(new Node.Int(5432).toString()).doesNotContain("5432");
    assertThat(Node.Comment.ownLine("secret comment").toString()).doesNotContain("secret");
    assertThat(new Node.Entry("password", Node.Str.of("hunter2")).toString()).doesNotContain("hunter2");
  }
}
