package dev.keelson.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.auth.testing.InMemoryAccountStore;
import dev.keelson.auth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiTokenServiceTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final InMemoryAccountStore store = new InMemoryAccountStore();
  final ApiTokenService service = new ApiTokenService(store, clock);

  @Test
  void storedHashedWithIdAccountAndTimes() throws Exception {
    var g = service.generate("ci", Optional.of(Duration.ofDays(30)));
    ApiToken stored = store.account("ci").orElseThrow().tokens().get(0);
    assertThat(stored.id()).isEqualTo(g.stored().id());
    assertThat(g.token()).startsWith("kst_" + stored.id() + "_");
    assertThat(stored.sha256()).hasSize(64).isNotEqualTo(g.token());
    assertThat(stored.createdAt()).isEqualTo(clock.instant());
    assertThat(stored.expiresAt()).contains(clock.instant().plus(Duration.ofDays(30)));
    assertThat(service.verify(g.token())).isEqualTo(stored);
    assertThat(stored.toString()).doesNotContain(stored.sha256());
    assertThat(g.toString()).doesNotContain(g.token());
  }

  @Test
  void aTokenWithAnotherSecretOrIdIsRefused() {
    var g = service.generate("ci", Optional.empty());
    assertThatThrownBy(() -> service.verify(g.token() + "x")).hasMessage("invalid API token");
    assertThatThrownBy(() -> service.verify("kst_0000000000000000_" + g.token().substring(22))).hasMessage("invalid API token");
    assertThatThrownBy(() -> service.verify("kst_")).hasMessage("invalid API token");
  }

  @Test
  void theSecretRoundTripsTokensThroughItsLayout() {
    service.generate("ci", Optional.of(Duration.ofDays(1)));
    service.generate("ci", Optional.empty());
    Account ci = store.account("ci").orElseThrow();
    Map<String, String> data = AccountsCodec.encode(ci);
    assertThat(data).containsOnlyKeys("accounts.ci.tokens");
    assertThat(AccountsCodec.decode(data).get("ci")).isEqualTo(ci);
  }
}
