package dev.keelson.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several key groups: the data key is Shamir-split, one share per group, and a threshold of groups opens it. */
class KeyGroupsTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("Shamir over GF(2^8): any threshold of shares rebuilds the secret; shares are 33 bytes, x last, numbered 1..n")
  void shamir() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    List<byte[]> shares = Shamir.split(secret, 5, 3);
    assertThat(shares).allSatisfy(s -> assertThat(s).hasSize(33));
    for (int i = 0; i < 5; i++) assertThat(shares.get(i)[32]).isEqualTo((byte) (i + 1));
    assertThat(Shamir.combine(List.of(shares.get(0), shares.get(2), shares.get(4)))).isEqualTo(secret);
    assertThat(Shamir.combine(List.of(shares.get(3), shares.get(1), shares.get(0)))).isEqualTo(secret);
    assertThat(Shamir.combine(shares)).isEqualTo(secret);
    assertThat(Shamir.combine(List.of(shares.get(0), shares.get(1)))).isNotEqualTo(secret);
    assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0), shares.get(0)))).hasMessageContaining("same x");
  }

  @Test
  @DisplayName("GF(2^8) arithmetic is AES's field: known products, and every non-zero element has an inverse")
  void field() {
    assertThat(Shamir.mult(0x57, 0x83)).isEqualTo(0xc1);
    assertThat(Shamir.mult(0x57, 0x13)).isEqualTo(0xfe);
    for (int a = 1; a < 256; a++) {
      int inverse = -1;
      for (int b = 1; b < 256; b++) if (Shamir.mult(a, b) == 1) inverse = b;
      assertThat(inverse).isPositive();
    }
  }

  @Test
  @DisplayName("three age groups, threshold 2: any two identities decrypt, one is not enough; the metadata is sops's key_groups")
  void threeGroupsThresholdTwo() throws Exception {
    Tools.AgeKey a = Tools.ageKeygen(tmp);
    Tools.AgeKey b = Tools.ageKeygen(tmp);
    Tools.AgeKey c = Tools.ageKeygen(tmp);
    byte[] doc = "password: hunter2\n".getBytes(StandardCharsets.UTF_8);
    byte[] enc = Sops.encrypt("g.yaml", doc, SopsFormat.YAML,
        SopsEncryptOptions.groups(2, SopsKeyGroup.age(a.recipient()), SopsKeyGroup.age(b.recipient()), SopsKeyGroup.age(c.recipient())));
    @SuppressWarnings("unchecked")
    Map<String, Object> sops = (Map<String, Object>) Yaml.map(enc).get("sops");
    assertThat(sops).containsEntry("shamir_threshold", 2).doesNotContainKey("age");
    assertThat((List<?>) sops.get("key_groups")).hasSize(3);

    // each group's age file, opened by the real age CLI, is a 33-byte share
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> groups = (List<Map<String, Object>>) sops.get("key_groups");
    List<byte[]> shares = new ArrayList<>();
    Tools.AgeKey[] ids = {a, b, c};
    for (int i = 0; i < 3; i++) {
      @SuppressWarnings("unchecked")
      String ageEnc = (String) ((Map<String, Object>) ((List<?>) groups.get(i).get("age")).get(0)).get("enc");
      Path f = java.nio.file.Files.writeString(tmp.resolve("share" + i + ".age"), ageEnc);
      byte[] share = Tools.ok(Map.of(), null, "age", "-d", "-i", ids[i].path().toString(), f.toString()).out();
      assertThat(share).hasSize(33);
      assertThat(share[32]).isEqualTo((byte) (i + 1));
      shares.add(share);
    }
    assertThat(Shamir.combine(List.of(shares.get(0), shares.get(2)))).hasSize(32).isEqualTo(Shamir.combine(List.of(shares.get(1), shares.get(2))));

    SopsKeys ab = SopsKeys.ageIdentities("a", a.keysFile()).and(SopsKeys.ageIdentities("b", b.keysFile()));
    SopsKeys bc = SopsKeys.ageIdentities("b", b.keysFile()).and(SopsKeys.ageIdentities("c", c.keysFile()));
    assertThat(Sops.decrypt("g.yaml", enc, SopsFormat.YAML, ab)).isEqualTo(doc);
    assertThat(Sops.decrypt("g.yaml", enc, SopsFormat.YAML, bc)).isEqualTo(doc);
    assertThatThrownBy(() -> Sops.decrypt("g.yaml", enc, SopsFormat.YAML, SopsKeys.ageIdentities("c", c.keysFile())))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("g.yaml: the keys open 1 of 3 key groups but 2 are needed")
        .hasMessageContaining("group 1: no age identity for " + a.recipient());
  }

  @Test
  @DisplayName("mixed groups (age, OpenPGP) with the default threshold need every group")
  void mixedGroupsDefaultThreshold() throws Exception {
    Tools.AgeKey a = Tools.ageKeygen(tmp);
    byte[] doc = "{\n\t\"k\": \"v\"\n}\n".getBytes(StandardCharsets.UTF_8);
    byte[] enc = Sops.encrypt("g.json", doc, SopsFormat.JSON,
        SopsEncryptOptions.groups(0, SopsKeyGroup.age(a.recipient()), SopsKeyGroup.pgp(Fixtures.read("sops_functional_tests_key.asc"))));
    assertThat(Sops.decrypt("g.json", enc, SopsFormat.JSON, SopsKeys.ageIdentities("a", a.keysFile()).and(Fixtures.pgpKey()))).isEqualTo(doc);
    assertThatThrownBy(() -> Sops.decrypt("g.json", enc, SopsFormat.JSON, Fixtures.pgpKey())).hasMessageContaining("1 of 2 key groups but 2 are needed");
  }

  @Test
  @DisplayName("options are checked: a threshold above the number of groups, an empty group")
  void invalidOptions() {
    assertThatThrownBy(() -> SopsEncryptOptions.groups(3, SopsKeyGroup.age("age1x"), SopsKeyGroup.age("age1y")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and the number of key groups");
    assertThatThrownBy(() -> SopsEncryptOptions.of(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sops.encrypt("f.yaml", "a: 1\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, SopsEncryptOptions.age("age1notarecipient")))
        .isInstanceOf(SopsException.class).hasMessageContaining("not a valid age X25519 recipient");
  }
}
