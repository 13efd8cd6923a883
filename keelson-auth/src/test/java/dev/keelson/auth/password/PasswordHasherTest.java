package dev.keelson.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  @Test
  void aHashVerifiesItsPasswordOnly() {
    String h = PasswordHasher.hash("correct horse".toCharArray());
    assertThat(h).startsWith("$2b$10$").doesNotContain("correct horse");
    assertThat(PasswordHasher.verify(h, "correct horse".toCharArray())).isTrue();
    assertThat(PasswordHasher.verify(h, "correct hors".toCharArray())).isFalse();
  }

  @Test
  void saltedSoTheSamePasswordHashesDifferently() {
    assertThat(PasswordHasher.hash("pw".toCharArray())).isNotEqualTo(PasswordHasher.hash("pw".toCharArray()));
  }

  @Test
  void argoCdHashesVerify() {
    // htpasswd -bnBC 10 "" password | tr -d ':\n' | sed 's/$2y/$2a/', as Argo CD's docs make them
    String argo = "$2a$10$rRyBsGSHK6.uc8fntPwVIuLVHgsAhAX7TcdrqW/RADU0uh7CaChLa";
    assertThat(PasswordHasher.verify(argo, "password".toCharArray())).isTrue();
    assertThat(PasswordHasher.verify(argo, "Password".toCharArray())).isFalse();
  }

  @Test
  void garbageHashesDoNotVerifyAndLongPasswordsAreRefused() {
    assertThat(PasswordHasher.verify("not a hash", "pw".toCharArray())).isFalse();
    assertThatThrownBy(() -> PasswordHasher.hash("x".repeat(73).toCharArray())).hasMessageContaining("72 bytes");
  }
}
