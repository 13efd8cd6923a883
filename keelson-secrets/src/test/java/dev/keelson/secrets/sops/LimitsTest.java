package dev.keelson.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What is refused before any key is tried. */
class LimitsTest {

  @Test
  @DisplayName("a file over 5 MiB is refused with its size; isEncrypted still says yes when it looks like sops")
  void tooLarge() {
    byte[] big = new byte[Sops.MAX_FILE_BYTES + 1];
    Arrays.fill(big, (byte) 'a');
    byte[] mark = "x: ENC[AES256_GCM,data:".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(mark, 0, big, 0, mark.length);
    assertThat(Sops.isEncrypted(big, SopsFormat.YAML)).isTrue();
    assertThatThrownBy(() -> Sops.decrypt("big.yaml", big, SopsFormat.YAML, SopsKeys.none()))
        .isInstanceOf(SopsException.class)
        .hasMessage("big.yaml: is 5242881 bytes; SOPS files over 5242880 bytes (5 MiB) are refused");
    assertThatThrownBy(() -> Sops.encrypt("big.yaml", big, SopsFormat.YAML, SopsEncryptOptions.age("age1x")))
        .isInstanceOf(SopsException.class).hasMessageContaining("5 MiB");
  }

  @Test
  @DisplayName("YAML aliases that expand beyond the bound are refused (the billion laughs)")
  void aliasBomb() {
    StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) y.append(i == 0 ? "" : ", ").append('*').append(prev);
      y.append("]\n");
      prev = c;
    }
    y.append("sops: {}\n");
    byte[] bomb = y.toString().getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Sops.decrypt("bomb.yaml", bomb, SopsFormat.YAML, SopsKeys.none()))
        .isInstanceOf(SopsException.class)
        .hasMessage("bomb.yaml: YAML aliases expand beyond the limit (50 aliases to collections per document)");
  }

  @Test
  @DisplayName("a handful of aliases is fine, and they are expanded as sops expands them")
  void fewAliases() throws Exception {
    java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("sops-alias");
    Tools.AgeKey age = Tools.ageKeygen(tmp);
    byte[] doc = "base: &b\n    k: v\ncopy: *b\n".getBytes(StandardCharsets.UTF_8);
    byte[] enc = Sops.encrypt("a.yaml", doc, SopsFormat.YAML, SopsEncryptOptions.age(age.recipient()));
    assertThat(new String(Sops.decrypt("a.yaml", enc, SopsFormat.YAML, SopsKeys.ageIdentities("k", age.keysFile())), StandardCharsets.UTF_8))
        .isEqualTo("base:\n    k: v\ncopy:\n    k: v\n");
  }

  @Test
  @DisplayName("not sops at all: a clear error, not a value")
  void notEncrypted() {
    assertThatThrownBy(() -> Sops.decrypt("plain.yaml", "password: hunter2\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, SopsKeys.none()))
        .isInstanceOf(SopsException.class).hasMessage("plain.yaml: is not encrypted with sops (no sops metadata)");
    assertThatThrownBy(() -> Sops.decrypt("bad.yaml", "a: [\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, SopsKeys.none()))
        .isInstanceOf(SopsException.class).hasMessageStartingWith("bad.yaml: is not valid YAML");
  }

  @Test
  @DisplayName("a parse error says where, without quoting the file (it may hold a value)")
  void parseErrorsQuoteNothing() {
    assertThatThrownBy(() -> Sops.decrypt("bad.yaml", "password: hunter2: x\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, SopsKeys.none()))
        .isInstanceOf(SopsException.class).hasMessageContaining("line 1").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> Sops.decrypt("bad.json", "{\"password\": hunter2}".getBytes(StandardCharsets.UTF_8), SopsFormat.JSON, SopsKeys.none()))
        .isInstanceOf(SopsException.class).hasMessage("bad.json: is not valid JSON (line 1, column 22)");
  }
}
