package dev.keelson.controller.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.controller.fake.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The dedup window, the backoff schedule, the rate limit and repository paths. */
class WindowsAndSchedulesTest {
  final TestClock clock = new TestClock(Events.AT);

  @Test
  void dedupLetsAKeyThroughOncePerWindow() {
    DedupWindow w = new DedupWindow(clock, Duration.ofMinutes(5));
    NotifyEvent failed = Events.event("shop", "web", NotifyEvent.Severity.error, "SyncFailed", "boom at 03:04");
    NotifyEvent again = Events.event("shop", "web", NotifyEvent.Severity.error, "SyncFailed", "boom at 03:05");
    assertThat(w.first(failed.dedupKey())).isTrue();
    clock.advance(Duration.ofSeconds(30));
    assertThat(w.first(again.dedupKey())).as("same object, revision and reason").isFalse();
    assertThat(w.first(Events.event("shop", "api", NotifyEvent.Severity.error, "SyncFailed", "x").dedupKey())).isTrue();
    assertThat(w.first(Events.event("shop", "web", NotifyEvent.Severity.info, "Synced", "x").dedupKey())).isTrue();
    clock.advance(Duration.ofMinutes(5));
    assertThat(w.first(failed.dedupKey())).as("after the window").isTrue();
  }

  @Test
  void dedupIsBounded() {
    DedupWindow w = new DedupWindow(clock, Duration.ofMinutes(5), 3);
    for (int i = 0; i < 10; i++) w.first("k" + i);
    assertThat(w.size()).isEqualTo(3);
    assertThat(w.first("k9")).isFalse();
    assertThat(w.first("k0")).isTrue();
  }

  @Test
  void backoffDoublesUpToItsMaximum() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 5);
    assertThat(b.before(0)).isZero();
    assertThat(b.before(1)).hasSeconds(1);
    assertThat(b.before(2)).hasSeconds(2);
    assertThat(b.before(3)).hasSeconds(4);
    assertThat(b.before(4)).hasSeconds(5);
    assertThat(b.allows(4)).isTrue();
    assertThat(b.allows(5)).isFalse();
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rateLimitLetsABurstThroughThenSpacesRequests() {
    TokenBucket t = new TokenBucket(clock, 3, 2);
    for (int i = 0; i < 3; i++) assertThat(t.reserve()).isZero();
    assertThat(t.reserve()).isEqualTo(Duration.ofMillis(500));
    assertThat(t.reserve()).isEqualTo(Duration.ofMillis(1000));
    clock.advance(Duration.ofSeconds(10));
    assertThat(t.reserve()).isZero();
  }

  @Test
  void repositoryFromTheSourceUrl() {
    assertThat(RepositoryPath.ownerRepo("https://github.com/acme/shop.git")).isEqualTo("acme/shop");
    assertThat(RepositoryPath.ownerRepo("https://github.com/acme/shop/")).isEqualTo("acme/shop");
    assertThat(RepositoryPath.ownerRepo("git@github.com:acme/shop.git")).isEqualTo("acme/shop");
    assertThat(RepositoryPath.ownerRepo("ssh://git@gitea.test:2222/acme/shop.git")).isEqualTo("acme/shop");
    assertThat(RepositoryPath.project("https://gitlab.com/acme/platform/shop.git")).isEqualTo("acme/platform/shop");
    assertThatThrownBy(() -> RepositoryPath.ownerRepo("https://user:secret@github.com/shop"))
        .hasMessageContaining("names no owner/repository").hasMessageNotContaining("secret");
  }
}
