package dev.keelson.automation.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageNameTest {
  @Test
  void dockerHubNamesAndRegistryHosts() {
    assertThat(ImageName.parse("nginx")).isEqualTo(new ImageName("docker.io", "library/nginx", "nginx"));
    assertThat(ImageName.parse("nginx").apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(ImageName.parse("bitnami/redis:7").canonical()).isEqualTo("docker.io/bitnami/redis");
    assertThat(ImageName.parse("127.0.0.1:5000/team/web:1.0@sha256:00")).isEqualTo(
        new ImageName("127.0.0.1:5000", "team/web", "127.0.0.1:5000/team/web"));
    assertThat(ImageName.parse("localhost/x").registry()).isEqualTo("localhost");
    assertThat(ImageName.parse("ghcr.io/org/app").sameRepository("ghcr.io/org/app")).isTrue();
    assertThat(ImageName.parse("nginx").sameRepository("docker.io/library/nginx")).isTrue();
    assertThat(ImageName.parse("nginx").sameRepository("ghcr.io/nginx")).isFalse();
  }

  @Test
  void badNamesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> ImageName.parse("https://ghcr.io/x")).hasMessageContaining("scheme");
    assertThatThrownBy(() -> ImageName.parse("ghcr.io/Org/App")).hasMessageContaining("lower case");
    assertThatThrownBy(() -> ImageName.parse(" ")).hasMessageContaining("spec.image");
  }
}
