package dev.keelson.secrets.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The blob format and its label binding: what makes a sealed value unusable elsewhere. */
class HybridCipherTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void roundTrip() throws Exception {
    SealingKey key = Fixtures.key();
    byte[] blob = HybridCipher.encrypt(key.publicKey(), bytes("hunter2"), bytes("ns1/a"));
    assertThat(HybridCipher.decrypt(List.of(key.privateKey()), blob, bytes("ns1/a"))).hasValue(bytes("hunter2"));
  }

  @Test
  void theLayoutIsALengthPrefixedRsaBlockThenGcm() throws Exception {
    SealingKey key = Fixtures.key();
    byte[] blob = HybridCipher.encrypt(key.publicKey(), bytes("12345"), bytes(""));
    // uint16 512 (a 4096-bit RSA block), 512 bytes, then 5 bytes of ciphertext and a 16-byte tag
    assertThat(blob[0]).isEqualTo((byte) 0x02);
    assertThat(blob[1]).isEqualTo((byte) 0x00);
    assertThat(blob).hasSize(2 + 512 + 5 + 16);
    // 0x02 0x00 then the RSA block: base64 "Ag" and a third letter A-D (the two top bits of the
    // block's first byte). The often quoted "AgA" prefix holds for a quarter of blobs only: upstream
    // blobs start AgA, AgB, AgC or AgD alike (the Go-sealed fixtures start AgB and AgC).
    assertThat(Base64.getEncoder().encodeToString(blob)).matches("Ag[A-D].*");
  }

  @Test
  void aWrongLabelOrKeyOpensNothing() throws Exception {
    SealingKey key = Fixtures.key();
    byte[] blob = HybridCipher.encrypt(key.publicKey(), bytes("v"), bytes("ns1/a"));
    assertThat(HybridCipher.decrypt(List.of(key.privateKey()), blob, bytes("ns1/b"))).isEmpty();
    assertThat(HybridCipher.decrypt(List.of(key.privateKey()), blob, bytes(""))).isEmpty();
    SealingKey other = KeyGenerator.generate("other", java.time.Instant.now(), 2048);
    assertThat(HybridCipher.decrypt(List.of(other.privateKey()), blob, bytes("ns1/a"))).isEmpty();
    // every key is tried: the right one among others still opens it
    assertThat(HybridCipher.decrypt(List.of(other.privateKey(), key.privateKey()), blob, bytes("ns1/a"))).hasValue(bytes("v"));
  }

  @Test
  void aTamperedBlobOpensNothing() throws Exception {
    SealingKey key = Fixtures.key();
    byte[] blob = HybridCipher.encrypt(key.publicKey(), bytes("value"), bytes("x"));
    blob[blob.length - 1] ^= 1;
    assertThat(HybridCipher.decrypt(List.of(key.privateKey()), blob, bytes("x"))).isEmpty();
    assertThatThrownBy(() -> HybridCipher.decrypt(List.of(key.privateKey()), new byte[] {0x02, 0x00, 1}, bytes("x")))
        .isInstanceOf(SealedSecretException.class).hasMessage("sealed value too short");
  }
}
