package dev.keelson.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dotenv, INI and binary files, as sops stores them. */
class FormatsTest {
  @TempDir Path tmp;
  Tools.AgeKey age;
  SopsKeys keys;

  @BeforeEach
  void keys() throws Exception {
    age = Tools.ageKeygen(tmp);
    keys = SopsKeys.ageIdentities("keys.txt", age.keysFile());
  }

  private byte[] roundTrip(String name, byte[] clear, String... expectedInEncrypted) throws Exception {
    SopsFormat f = SopsFormat.ofFileName(name);
    byte[] enc = Sops.encrypt(name, clear, f, SopsEncryptOptions.age(age.recipient()));
    assertThat(Sops.isEncrypted(enc, f)).isTrue();
    assertThat(Sops.isEncrypted(clear, f)).isFalse();
    assertThat(new String(enc, StandardCharsets.UTF_8)).contains(expectedInEncrypted);
    return Sops.decrypt(name, enc, f, keys);
  }

  @Test
  @DisplayName("dotenv: KEY=value lines, comments, newlines as \\n; metadata as sops_ keys")
  void dotenv() throws Exception {
    String env = "# database\nDB_USER=admin\nDB_PASSWORD=p=ss w0rd\nCERT=line1\\nline2\nEMPTY=\n";
    byte[] out = roundTrip("app.env", env.getBytes(StandardCharsets.UTF_8),
        "DB_USER=ENC[AES256_GCM,", "sops_version=3.9.0\n", "sops_age__list_0__map_recipient=" + age.recipient() + "\n",
        "sops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED FILE-----\\n", "sops_unencrypted_suffix=_unencrypted\n", "EMPTY=\n", "#ENC[");
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(env);
  }

  @Test
  @DisplayName("INI: sections and keys; metadata in a [sops] section")
  void ini() throws Exception {
    String ini = "[database]\nuser = admin\npassword = hunter2\n\n[cache]\nhost = redis\n";
    byte[] out = roundTrip("app.ini", ini.getBytes(StandardCharsets.UTF_8), "[sops]\n", "user = ENC[AES256_GCM,", "age__list_0__map_recipient = " + age.recipient());
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(ini);
  }

  @Test
  @DisplayName("binary: any bytes come back as they were, through sops's JSON envelope")
  void binary() throws Exception {
    byte[] bin = new byte[4096];
    new SecureRandom().nextBytes(bin);
    byte[] out = roundTrip("blob.bin", bin, "\"data\": \"ENC[AES256_GCM,", "\"sops\": {");
    assertThat(out).isEqualTo(bin);
    byte[] text = "KEY=value\nnot json at all\n".getBytes(StandardCharsets.UTF_8);
    assertThat(roundTrip("secret.txt", text, "\"data\": \"ENC[")).isEqualTo(text);
  }

  @Test
  @DisplayName("isEncrypted: the top-level sops key, per format; never throws on garbage")
  void isEncrypted() {
    byte[] garbage = {(byte) 0xff, 0, '{', '[', ':'};
    for (SopsFormat f : SopsFormat.values()) assertThat(Sops.isEncrypted(garbage, f)).isFalse();
    assertThat(Sops.isEncrypted("a: 1\nsops: {}\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML)).isTrue();
    assertThat(Sops.isEncrypted("a: 1\nnotsops: {}\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML)).isFalse();
    assertThat(Sops.isEncrypted("{\"sops\": {}}".getBytes(StandardCharsets.UTF_8), SopsFormat.JSON)).isTrue();
    assertThat(Sops.isEncrypted("{\"sops\": {}}".getBytes(StandardCharsets.UTF_8), SopsFormat.BINARY)).isTrue();
    assertThat(Sops.isEncrypted("A=1\nsops_version=3.9.0\n".getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV)).isTrue();
    assertThat(Sops.isEncrypted("[sops]\nversion = 3.9.0\n".getBytes(StandardCharsets.UTF_8), SopsFormat.INI)).isTrue();
    assertThat(Sops.isEncrypted("- a\n- b\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML)).isFalse();
  }

  @Test
  @DisplayName("the format follows the file name, as sops and Flux choose it")
  void formatOfFileName() {
    assertThat(SopsFormat.ofFileName("a/b.enc.yaml")).isEqualTo(SopsFormat.YAML);
    assertThat(SopsFormat.ofFileName("b.YML")).isEqualTo(SopsFormat.YAML);
    assertThat(SopsFormat.ofFileName("b.json")).isEqualTo(SopsFormat.JSON);
    assertThat(SopsFormat.ofFileName(".env")).isEqualTo(SopsFormat.DOTENV);
    assertThat(SopsFormat.ofFileName("x.ini")).isEqualTo(SopsFormat.INI);
    assertThat(SopsFormat.ofFileName("tls.crt")).isEqualTo(SopsFormat.BINARY);
  }
}
