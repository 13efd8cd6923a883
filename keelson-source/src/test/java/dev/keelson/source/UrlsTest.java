package dev.keelson.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void redactsUserinfoInUrlsAndMessages() {
    assertThat(Urls.redact("https://bob:hunter22@git.example.com/org/repo.git"))
        .isEqualTo("https://git.example.com/org/repo.git");
    assertThat(Urls.redact("https://ghp_token@github.com/org/repo"))
        .isEqualTo("https://github.com/org/repo");
    assertThat(Urls.redact("fetch of http://u:p@h:8080/r failed: http://u:p@h:8080/r: not authorized"))
        .isEqualTo("fetch of http://h:8080/r failed: http://h:8080/r: not authorized");
    assertThat(Urls.redact("git@github.com:org/repo.git")).isEqualTo("git@github.com:org/repo.git");
    assertThat(Urls.redact("file:///tmp/repo")).isEqualTo("file:///tmp/repo");
    assertThat(Urls.redact(null)).isNull();
  }

  @Test
  void normalizesSpellingsOfTheSameRepository() {
    String canonical = Urls.normalize("https://github.com/org/repo");
    assertThat(Urls.normalize("https://GitHub.com/org/repo.git")).isEqualTo(canonical);
    assertThat(Urls.normalize("https://github.com:443/org/repo/")).isEqualTo(canonical);
    assertThat(Urls.normalize("HTTPS://user:pw@github.com/org/repo.git/")).isEqualTo(canonical);
    assertThat(Urls.normalize("http://github.com/org/repo")).isNotEqualTo(canonical);
    assertThat(Urls.normalize("https://github.com/org/other")).isNotEqualTo(canonical);

    assertThat(Urls.normalize("ssh://git@host:22/org/repo.git")).isEqualTo(Urls.normalize("ssh://host/org/repo"));
    assertThat(Urls.normalize("git@host:org/repo.git")).isEqualTo(Urls.normalize("host:org/repo"));
  }

  @Test
  void localPathsAndFileUrlsAreOneRepositoryButKeepDotGit() {
    Path dir = Path.of("/tmp/repos/app");
    assertThat(Urls.normalize(dir.toString())).isEqualTo(Urls.normalize(dir.toUri().toString()));
    assertThat(Urls.normalize("file:///tmp/repos/app/")).isEqualTo("file:///tmp/repos/app");
    assertThat(Urls.normalize("/tmp/repos/app.git")).isNotEqualTo(Urls.normalize("/tmp/repos/app"));
  }

  @Test
  void recognizesSshUrls() {
    assertThat(Urls.isSsh("ssh://git@host/org/repo")).isTrue();
    assertThat(Urls.isSsh("git@github.com:org/repo.git")).isTrue();
    assertThat(Urls.isSsh("https://github.com/org/repo")).isFalse();
    assertThat(Urls.isSsh("/tmp/repo")).isFalse();
    assertThat(Urls.isSsh("file:///tmp/repo")).isFalse();
  }

  @Test
  void directoryNamesAreSafeAndDistinct() {
    String a = Urls.directoryName(Urls.normalize("https://github.com/org/repo"));
    String b = Urls.directoryName(Urls.normalize("https://github.com/org/repo2"));
    assertThat(a).matches("[A-Za-z0-9._-]+").isNotEqualTo(b);
  }
}
