package dev.keelson.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepoPathTest {

  @Test
  void resolvesWithinTheRepository() {
    assertThat(RepoPath.resolve("apps/web", "../../base/./kustomization.yaml")).contains("base/kustomization.yaml");
    assertThat(RepoPath.resolve("", "values.yaml")).contains("values.yaml");
    assertThat(RepoPath.resolve("chart", "..")).contains("");
    assertThat(RepoPath.resolve("a//b", "c/")).contains("a/b/c");
  }

  @Test
  void neverAbove() {
    assertThat(RepoPath.resolve("chart", "../../secrets.yaml")).isEmpty();
    assertThat(RepoPath.resolve("", "../x")).isEmpty();
    assertThat(RepoPath.resolve("a", "b/../../../x")).isEmpty();
  }

  @Test
  void absolutePaths() {
    assertThat(RepoPath.isAbsolute("/etc/passwd")).isTrue();
    assertThat(RepoPath.isAbsolute("~/x")).isTrue();
    assertThat(RepoPath.isAbsolute("C:\\x")).isTrue();
    assertThat(RepoPath.isAbsolute("values.yaml")).isFalse();
  }
}
