package dev.keelson.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the command line finds a user's keys. */
class SopsKeySourcesTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("age identities from SOPS_AGE_KEY, SOPS_AGE_KEY_FILE and $XDG_CONFIG_HOME/sops/age/keys.txt, all together")
  void ageSources() throws Exception {
    Tools.AgeKey a = Tools.ageKeygen(tmp);
    Tools.AgeKey b = Tools.ageKeygen(tmp);
    Tools.AgeKey c = Tools.ageKeygen(tmp);
    Path config = tmp.resolve("xdg");
    Files.createDirectories(config.resolve("sops/age"));
    Files.copy(c.path(), config.resolve("sops/age/keys.txt"));
    Map<String, String> env = Map.of("SOPS_AGE_KEY", a.keysFile(), "SOPS_AGE_KEY_FILE", b.path().toString(), "XDG_CONFIG_HOME", config.toString());
    SopsKeys keys = SopsKeySources.ageIdentities(new SopsKeySources.Environment(env, tmp.resolve("home")));
    assertThat(keys.toString()).isEqualTo("SopsKeys[age identities: 3, OpenPGP keys: 0]");

    assertThat(SopsKeySources.ageIdentities(new SopsKeySources.Environment(Map.of(), tmp.resolve("nohome"))).isEmpty()).isTrue();
    assertThatThrownBy(() -> SopsKeySources.ageIdentities(new SopsKeySources.Environment(Map.of("SOPS_AGE_KEY_FILE", tmp.resolve("missing").toString()), tmp)))
        .isInstanceOf(SopsException.class).hasMessageContaining("cannot read the age keys file");
  }

  @Test
  @DisplayName("OpenPGP keys from gpg by fingerprint; unknown fingerprints are skipped; no gpg on the PATH means no keys")
  void gpgSources() throws Exception {
    Map<String, String> env = new HashMap<>(Tools.gnupgHome(tmp));
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    SopsKeySources.Environment e = new SopsKeySources.Environment(env, tmp);
    try {
      gpgSources(env, e);
    } finally {
      Tools.stopAgent(env);
    }
  }

  private void gpgSources(Map<String, String> env, SopsKeySources.Environment e) throws Exception {
    SopsKeys keys = SopsKeySources.gpgSecretKeys(e, List.of("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "0000000000000000000000000000000000000000"));
    assertThat(keys.pgpFingerprints()).containsExactly("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4");
    assertThat(Sops.decrypt("example.json", Fixtures.read("example.json"), SopsFormat.JSON, keys)).isNotEmpty();

    byte[] pub = SopsKeySources.gpgPublicKey(e, "D7229043384BCC60326C6FB9D8720D957C3D3074");
    assertThat(new String(pub, java.nio.charset.StandardCharsets.US_ASCII)).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");

    env.put("PATH", tmp.resolve("empty").toString());
    SopsKeySources.Environment noGpg = new SopsKeySources.Environment(env, tmp);
    assertThat(SopsKeySources.gpgSecretKeys(noGpg, List.of("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4")).isEmpty()).isTrue();
    assertThatThrownBy(() -> SopsKeySources.gpgPublicKey(noGpg, "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4"))
        .isInstanceOf(SopsException.class).hasMessageContaining("gpg is not installed");
  }

  @Test
  @DisplayName("a key file is an age keys file or an armored OpenPGP key, told apart by content")
  void keyFile() throws Exception {
    Tools.AgeKey a = Tools.ageKeygen(tmp);
    assertThat(SopsKeySources.keyFile(a.path()).toString()).isEqualTo("SopsKeys[age identities: 1, OpenPGP keys: 0]");
    assertThat(SopsKeySources.keyFile(Fixtures.dir().resolve("sops_functional_tests_key.asc")).pgpFingerprints()).hasSize(2);
  }
}
