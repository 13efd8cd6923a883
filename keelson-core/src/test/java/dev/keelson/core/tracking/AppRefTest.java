package dev.keelson.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppRefTest {

  @Test
  @DisplayName("prints as <namespace>/<name>")
  void printsAsNamespaceSlashName() {
    assertThat(new AppRef("keelson", "web")).hasToString("keelson/web");
  }

  @Test
  @DisplayName("is a value: equal by namespace and name")
  void value() {
    assertThat(new AppRef("a", "b")).isEqualTo(new AppRef("a", "b")).hasSameHashCodeAs(new AppRef("a", "b"));
    assertThat(new AppRef("a", "b")).isNotEqualTo(new AppRef("b", "a"));
    assertThat(new AppRef("a", "b")).isNotEqualTo(new AppRef("a", "c"));
  }

  @Test
  @DisplayName("rejects a null namespace or name, naming the field")
  void rejectsNulls() {
    assertThatNullPointerException().isThrownBy(() -> new AppRef(null, "web")).withMessage("namespace");
    assertThatNullPointerException().isThrownBy(() -> new AppRef("ns", null)).withMessage("name");
  }
}
