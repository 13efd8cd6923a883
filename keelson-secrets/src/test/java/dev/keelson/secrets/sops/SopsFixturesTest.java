package dev.keelson.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sops's own test files, encrypted by the real sops: every value comes back and the stored MAC verifies. */
class SopsFixturesTest {

  private static byte[] decrypt(String name) throws Exception {
    return Sops.decrypt(name, Fixtures.read(name), SopsFormat.ofFileName(name), Fixtures.pgpKey());
  }

  @Test
  @DisplayName("example.yaml: every value, type and comment comes back; key order kept")
  void yaml() throws Exception {
    byte[] out = decrypt("example.yaml");
    Map<String, Object> m = Yaml.map(out);
    assertThat(m.keySet()).containsExactly("myapp1", "app2", "number", "an_array", "somebooleans", "this",
        "somelist_unencrypted", "nested_unencrypted");
    assertThat(m.get("myapp1")).isEqualTo("t00m4nys3cr3tzupdated");
    assertThat(Yaml.at(m, "app2", "db", "user")).isEqualTo("eve");
    assertThat(Yaml.at(m, "app2", "db", "password")).isEqualTo("c4r1b0u");
    assertThat((String) Yaml.at(m, "app2", "key")).startsWith("-----BEGIN RSA PRIVATE KEY-----\nMIIBPAIBAAJBAPTMNIyHuZtpLYc7VsHQtwOkWYobkUblmHWRmbXzlAX6K8tMf3Wf\n")
        .endsWith("-----END RSA PRIVATE KEY-----\n");
    assertThat(m.get("number")).isEqualTo(1234568000.0);
    assertThat(m.get("an_array")).isEqualTo(List.of("secretuser1", "secretuser2",
        "somelongvalueAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "some other value"));
    assertThat(m.get("somebooleans")).isEqualTo(List.of(true, false));
    assertThat(Yaml.at(m, "this", "is", "a", "nested", "value")).isEqualTo("with something secret in it");
    assertThat(Yaml.at(m, "nested_unencrypted", "this", "is", "all")).isEqualTo("going to remain in clear text");
    String text = new String(out, StandardCharsets.UTF_8);
    // comments come back as comments, in the mapping sops encrypted them for
    assertThat(text).contains("        password: c4r1b0u\n        # private key for secret operations in app2\n    key: |\n")
        .contains("                # sops supports unencrypted fields\n                # by adding the `_unencrypted` suffix\n                # to any key\n")
        .doesNotContain("ENC[").doesNotContain("sops:");
  }

  @Test
  @DisplayName("example.json: every value comes back; a JSON number sops 3.5 typed float is accepted")
  void json() throws Exception {
    Map<String, Object> m = Yaml.map(decrypt("example.json"));
    assertThat(m.get("firstName")).isEqualTo("John");
    assertThat(m.get("lastName")).isEqualTo("Smith");
    assertThat(m.get("age")).isEqualTo(25.4);
    assertThat(Yaml.at(m, "address", "postalCode")).isEqualTo("10021-3100");
    assertThat(Yaml.at(m, "address", "streetAddress")).isEqualTo("21 2nd Street");
    assertThat(Yaml.at(m, "phoneNumbers", "1", "number")).isEqualTo("646 555-4567");
    assertThat(m.get("anEmptyValue")).isEqualTo("");
    assertThat(m).doesNotContainKey("sops");
  }

  @Test
  @DisplayName("a tampered value is an error naming the file and the path, never the value")
  void tamperedValue() throws Exception {
    String f = new String(Fixtures.read("example.yaml"), StandardCharsets.UTF_8)
        .replace("password: ENC[AES256_GCM,data:8Ll+TDCgzQ==", "password: ENC[AES256_GCM,data:8Ll+TDCgzA==");
    assertThatThrownBy(() -> Sops.decrypt("secrets/example.yaml", f.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, Fixtures.pgpKey()))
        .isInstanceOf(SopsException.class)
        .hasMessageStartingWith("secrets/example.yaml: ")
        .hasMessageContaining("'app2:db:password'")
        .hasMessageContaining("does not authenticate")
        .hasMessageNotContaining("c4r1b0u").hasMessageNotContaining("8Ll+");
  }

  @Test
  @DisplayName("a value moved to another key fails: the key path is the AAD")
  void movedValue() throws Exception {
    String f = new String(Fixtures.read("example.yaml"), StandardCharsets.UTF_8);
    String user = line(f, "        user: ");
    String password = line(f, "        password: ");
    String swapped = f.replace(user, "@@").replace(password, user.replace("user:", "password:")).replace("@@", password.replace("password:", "user:"));
    assertThatThrownBy(() -> Sops.decrypt("example.yaml", swapped.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, Fixtures.pgpKey()))
        .isInstanceOf(SopsException.class).hasMessageContaining("'app2:db:user'").hasMessageContaining("does not authenticate");
  }

  private static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a changed clear value breaks the MAC: an error, not a value")
  void macMismatch() throws Exception {
    String f = new String(Fixtures.read("example.yaml"), StandardCharsets.UTF_8).replace("remain in clear text", "remain in clear text!");
    assertThatThrownBy(() -> Sops.decrypt("example.yaml", f.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, Fixtures.pgpKey()))
        .isInstanceOf(SopsException.class).hasMessage("example.yaml: MAC mismatch: the file's values do not match its MAC (the file was altered after it was encrypted)");
    // the MAC covers the order of the values too
    String json = new String(Fixtures.read("example.json"), StandardCharsets.UTF_8);
    String first = line(json, "\t\"firstName\"");
    String last = line(json, "\t\"lastName\"");
    String j = json.replace(first, "@@").replace(last, first).replace("@@", last);
    assertThatThrownBy(() -> Sops.decrypt("example.json", j.getBytes(StandardCharsets.UTF_8), SopsFormat.JSON, Fixtures.pgpKey()))
        .isInstanceOf(SopsException.class).hasMessageContaining("MAC mismatch");
  }

  @Test
  @DisplayName("a MAC sealed for another timestamp fails: lastmodified is the MAC's AAD")
  void macTimestamp() throws Exception {
    String f = new String(Fixtures.read("example.yaml"), StandardCharsets.UTF_8).replace("lastmodified: \"2025-08-06T18:55:05Z\"", "lastmodified: \"2025-08-06T18:55:06Z\"");
    assertThatThrownBy(() -> Sops.decrypt("example.yaml", f.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, Fixtures.pgpKey()))
        .isInstanceOf(SopsException.class).hasMessageContaining("the MAC does not authenticate");
  }

  @Test
  @DisplayName("without the right key: the error lists what the file is encrypted for")
  void wrongKeys(@TempDir Path tmp) throws Exception {
    assertThatThrownBy(() -> Sops.decrypt("example.yaml", Fixtures.read("example.yaml"), SopsFormat.YAML, SopsKeys.none()))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("no decryption key was given")
        .hasMessageContaining("pgp FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4");
    SopsKeys other = SopsKeys.ageIdentities("other.agekey", Tools.ageKeygen(tmp).keysFile());
    assertThatThrownBy(() -> Sops.decrypt("example.yaml", Fixtures.read("example.yaml"), SopsFormat.YAML, other))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("none of the given keys opens the data key")
        .hasMessageContaining("no OpenPGP secret key for D7229043384BCC60326C6FB9D8720D957C3D3074");
  }

  @Test
  @DisplayName("agree both ways: the fixtures' clear text, encrypted by Keelson, decrypts to the same document")
  void reencrypt() throws Exception {
    for (String name : List.of("example.yaml", "example.json")) {
      SopsFormat format = SopsFormat.ofFileName(name);
      byte[] clear = decrypt(name);
      byte[] pub = Fixtures.read("sops_functional_tests_key.asc");
      byte[] enc = Sops.encrypt(name, clear, format, SopsEncryptOptions.of(List.of(), List.of(pub)));
      assertThat(Sops.isEncrypted(enc, format)).isTrue();
      byte[] again = Sops.decrypt(name, enc, format, Fixtures.pgpKey());
      assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo(new String(clear, StandardCharsets.UTF_8));
      assertThat(Yaml.map(again)).isEqualTo(Yaml.map(clear));
    }
  }
}
