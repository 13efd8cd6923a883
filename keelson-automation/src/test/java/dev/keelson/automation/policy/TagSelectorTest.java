package dev.keelson.automation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagSelectorTest {
  static Optional<String> latest(TagFilter filter, TagPolicy policy, String... tags) {
    return new TagSelector(filter, policy).latest(List.of(tags)).map(TagSelector.Choice::tag);
  }

  @Test
  void semverPicksTheGreatestInRangeAndSkipsWhatIsNotAVersion() {
    TagPolicy p = TagPolicy.SemverRange.of(">=1.0.0 <2.0.0");
    assertThat(latest(TagFilter.ALL, p, "1.0.0", "1.9.0", "1.10.0", "2.0.0", "latest", "sha-1a2b3c", "v1.4.0"))
        .contains("1.10.0");
    assertThat(latest(TagFilter.ALL, TagPolicy.SemverRange.of("^1.2"), "1.2.0", "1.3.7", "1.4.0-rc.1", "2.1.0"))
        .contains("1.3.7");
    assertThat(latest(TagFilter.ALL, TagPolicy.SemverRange.of("~1.2"), "1.2.0", "1.2.9", "1.3.0")).contains("1.2.9");
    assertThat(latest(TagFilter.ALL, TagPolicy.SemverRange.of("1.x"), "v1", "v1.5", "1.4.2")).contains("v1.5");
    // comma means AND, as in Masterminds
    assertThat(latest(TagFilter.ALL, TagPolicy.SemverRange.of(">=1.0.0, <1.5.0"), "1.4.9", "1.5.0")).contains("1.4.9");
  }

  @Test
  void prereleasesOnlyWhenTheRangeAsksForThem() {
    assertThat(latest(TagFilter.ALL, TagPolicy.SemverRange.of(">=1.0.0"), "1.0.0", "1.1.0-rc.1")).contains("1.0.0");
    assertThat(latest(TagFilter.ALL, TagPolicy.SemverRange.of(">=1.1.0-0"), "1.0.0", "1.1.0-rc.1", "1.1.0-rc.2"))
        .contains("1.1.0-rc.2");
  }

  @Test
  void nothingInRangeIsNoChoice() {
    assertThat(latest(TagFilter.ALL, TagPolicy.SemverRange.of("^3"), "1.0.0", "2.0.0")).isEmpty();
    assertThatThrownBy(() -> TagPolicy.SemverRange.of("not a range")).hasMessageContaining("policy.semver.range");
  }

  @Test
  void alphabeticalAscAndDesc() {
    TagFilter ts = TagFilter.of("^main-[a-f0-9]+-(?P<ts>[0-9]+)", "$ts");
    assertThat(latest(TagFilter.ALL, new TagPolicy.Alphabetical(Order.ASC), "RELEASE.2023-01-31", "RELEASE.2024-02-01",
        "RELEASE.2023-12-24")).contains("RELEASE.2024-02-01");
    assertThat(latest(TagFilter.ALL, new TagPolicy.Alphabetical(Order.DESC), "b", "a", "c")).contains("a");
    assertThat(latest(ts, new TagPolicy.Alphabetical(Order.ASC), "main-abc123-1700000000", "main-fff000-1690000000",
        "feature-aaa-1800000000")).contains("main-abc123-1700000000");
  }

  @Test
  void numericalComparesNumbersNotStrings() {
    assertThat(latest(TagFilter.ALL, new TagPolicy.Numerical(Order.ASC), "9", "10", "100", "99", "x"))
        .contains("100");
    assertThat(latest(TagFilter.ALL, new TagPolicy.Numerical(Order.DESC), "9", "10", "1.5")).contains("1.5");
  }

  @Test
  void filterTagsExtractsNamedGroupsForEveryPolicy() {
    TagFilter build = TagFilter.of("^main-(?P<build>\\d+)$", "${build}");
    assertThat(latest(build, new TagPolicy.Numerical(Order.ASC), "main-9", "main-12", "dev-99", "main-x"))
        .contains("main-12");
    TagFilter version = TagFilter.of("^app-v(?<v>.*)$", "$v");
    assertThat(latest(version, TagPolicy.SemverRange.of(">=1"), "app-v1.2.0", "app-v1.10.0", "other-v9.0.0"))
        .contains("app-v1.10.0");
    assertThat(build.apply("main-7")).contains("7");
    assertThat(build.apply("release-7")).isEmpty();
    // no extract: the tag itself is compared; the pattern matches anywhere, as Go's MatchString
    assertThat(TagFilter.of("rc", null).apply("1.0.0-rc.1")).contains("1.0.0-rc.1");
    assertThatThrownBy(() -> TagFilter.of("(", null)).hasMessageContaining("filterTags.pattern");
    assertThatThrownBy(() -> TagFilter.of(null, "$x")).hasMessageContaining("filterTags.extract");
  }

  @Test
  void orderIsValidated() {
    assertThat(Order.parse(null, "policy.numerical")).isEqualTo(Order.ASC);
    assertThatThrownBy(() -> Order.parse("up", "policy.numerical")).hasMessageContaining("policy.numerical.order");
  }

  @Test
  void aChoiceAmongTenThousandTags() {
    List<String> tags = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) tags.add("1." + (i / 100) + "." + (i % 100));
    var choice = new TagSelector(TagFilter.ALL, TagPolicy.SemverRange.of("<1.50")).latest(tags).orElseThrow();
    assertThat(choice.tag()).isEqualTo("1.49.99");
    assertThat(choice.candidates()).isEqualTo(5000);
  }
}
