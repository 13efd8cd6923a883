package dev.keelson.auth.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {
  @Test
  void starsAndQuestionMarks() {
    assertThat(Glob.of("*").matches("")).isTrue();
    assertThat(Glob.of("team-a/*").matches("team-a/ns/app")).isTrue();
    assertThat(Glob.of("team-a/*").matches("team-b/app")).isFalse();
    assertThat(Glob.of("*/web").matches("team-a/web")).isTrue();
    assertThat(Glob.of("*/web").matches("team-a/webs")).isFalse();
    assertThat(Glob.of("a*b*c").matches("axxbyyc")).isTrue();
    assertThat(Glob.of("a*b*c").matches("axxbyy")).isFalse();
    assertThat(Glob.of("a?c").matches("abc")).isTrue();
    assertThat(Glob.of("a?c").matches("ac")).isFalse();
    assertThat(Glob.of("exact").matches("exact")).isTrue();
    assertThat(Glob.of("exact").matches("exactly")).isFalse();
    assertThat(Glob.of("**").matches("anything/at/all")).isTrue();
  }
}
