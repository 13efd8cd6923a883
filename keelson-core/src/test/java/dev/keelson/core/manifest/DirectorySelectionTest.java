package dev.keelson.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirectorySelectionTest {

  private static DirectorySelection recurse(List<String> include, List<String> exclude) {
    return new DirectorySelection(true, include, exclude);
  }

  @Test
  void defaultsSelectManifestFilesInTheRootOnly() {
    DirectorySelection d = DirectorySelection.defaults();
    assertThat(d.recurse()).isFalse();
    assertThat(d.include()).isEmpty();
    assertThat(d.exclude()).isEmpty();

    assertThat(d.selects("web.yaml")).isTrue();
    assertThat(d.selects("web.yml")).isTrue();
    assertThat(d.selects("web.json")).isTrue();
    assertThat(d.selects("README.md")).isFalse();
    assertThat(d.selects("values.yaml.tmpl")).isFalse();
    assertThat(d.selects("sub/web.yaml")).isFalse();
    assertThat(d.selects("")).isFalse();
  }

  @Test
  void recurseSelectsNestedFiles() {
    DirectorySelection d = recurse(List.of(), List.of());
    assertThat(d.selects("a/b/c/web.yaml")).isTrue();
    assertThat(d.selects("a/b/notes.txt")).isFalse();
  }

  @Test
  void hiddenFilesAndDirectoriesAreSkipped() {
    DirectorySelection d = recurse(List.of(), List.of());
    assertThat(d.selects(".hidden.yaml")).isFalse();
    assertThat(d.selects(".github/workflows/ci.yaml")).isFalse();
    assertThat(d.selects("apps/.cache/x.yaml")).isFalse();
    assertThat(d.selects("./web.yaml")).isTrue();
  }

  @Test
  void includeGlobsMatchTheRelativePath() {
    DirectorySelection d = recurse(List.of("*.yaml"), List.of());
    assertThat(d.selects("web.yaml")).isTrue();
    // As in Argo CD, '*' also crosses directories.
    assertThat(d.selects("sub/web.yaml")).isTrue();
    assertThat(d.selects("web.json")).isFalse();
  }

  @Test
  void braceAlternatives() {
    DirectorySelection d = new DirectorySelection(false, List.of("{a.yaml,b.yaml}"), List.of());
    assertThat(d.selects("a.yaml")).isTrue();
    assertThat(d.selects("b.yaml")).isTrue();
    assertThat(d.selects("c.yaml")).isFalse();

    DirectorySelection dirs = recurse(List.of("{base/*,prod/*.json}"), List.of());
    assertThat(dirs.selects("base/x.yaml")).isTrue();
    assertThat(dirs.selects("prod/x.json")).isTrue();
    assertThat(dirs.selects("prod/x.yaml")).isFalse();
  }

  @Test
  void doubleStarMatchesAnyDepthIncludingNone() {
    DirectorySelection d = recurse(List.of("**/*.yaml"), List.of());
    assertThat(d.selects("web.yaml")).isTrue();
    assertThat(d.selects("a/b/web.yaml")).isTrue();

    DirectorySelection under = recurse(List.of("apps/**/deploy.yaml"), List.of());
    assertThat(under.selects("apps/deploy.yaml")).isTrue();
    assertThat(under.selects("apps/web/prod/deploy.yaml")).isTrue();
    assertThat(under.selects("other/deploy.yaml")).isFalse();
  }

  @Test
  void excludeWinsOverInclude() {
    DirectorySelection d = recurse(List.of("*.yaml"), List.of("secrets/*", "*-test.yaml"));
    assertThat(d.selects("web.yaml")).isTrue();
    assertThat(d.selects("secrets/db.yaml")).isFalse();
    assertThat(d.selects("web-test.yaml")).isFalse();
  }

  @Test
  void characterClassesAndSingleCharacters() {
    DirectorySelection d = new DirectorySelection(false, List.of("web-[0-9].yaml", "db?.yaml"), List.of("web-[!1-8].yaml"));
    assertThat(d.selects("web-1.yaml")).isTrue();
    assertThat(d.selects("web-9.yaml")).isFalse();
    assertThat(d.selects("web-x.yaml")).isFalse();
    assertThat(d.selects("db1.yaml")).isTrue();
    assertThat(d.selects("db12.yaml")).isFalse();
  }

  @Test
  void regexCharactersAreLiteral() {
    DirectorySelection d = new DirectorySelection(false, List.of("app(1).yaml"), List.of());
    assertThat(d.selects("app(1).yaml")).isTrue();
    assertThat(d.selects("app1.yaml")).isFalse();
  }

  @Test
  void nullListsMeanEmptyAndListsAreCopied() {
    DirectorySelection d = new DirectorySelection(true, null, null);
    assertThat(d.include()).isEmpty();
    assertThat(d.exclude()).isEmpty();
    assertThat(d.selects("x/y.yaml")).isTrue();
  }

  @Test
  void malformedGlobsAreRejectedUpFront() {
    assertThatThrownBy(() -> new DirectorySelection(false, List.of("{a,b"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unclosed '{'");
    assertThatThrownBy(() -> new DirectorySelection(false, List.of(), List.of("[abc")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
