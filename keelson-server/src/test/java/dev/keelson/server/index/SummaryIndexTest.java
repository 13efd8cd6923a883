package dev.keelson.server.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.health.HealthStatus;
import dev.keelson.server.http.Json;
import dev.keelson.server.view.ApplicationList;
import dev.keelson.server.view.ApplicationSummary;
import dev.keelson.server.view.SyncState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The list over 10,000 apps: pages, filters, counts and the cost of one request, in memory. */
class SummaryIndexTest {
  static final int APPS = 10_000;
  static final SummaryIndex INDEX = new SummaryIndex();
  /** Every tenth app is hidden from the viewer. */
  static final Predicate<ApplicationSummary> VIEWER = a -> !a.name().endsWith("0");

  @BeforeAll
  static void fill() {
    for (int i = 0; i < APPS; i++) {
      String ns = "team-" + (i % 20);
      String name = "app-" + i;
      INDEX.put(new ApplicationSummary(ns, name, i % 7 == 0 ? "payments" : "default", "in-cluster", ns,
          "https://git.example.com/apps.git", "apps/" + name, "main", i % 5 == 0 ? SyncState.OutOfSync : SyncState.Synced,
          "0123456789abcdef", i % 11 == 0 ? HealthStatus.Degraded : HealthStatus.Healthy, null, "Succeeded", false, null,
          Map.of("tier", i % 2 == 0 ? "web" : "db"), (ns + "\n" + name + "\napps/" + name)));
    }
  }

  @Test
  @DisplayName("following continue tokens yields every visible app once, in order; total and counts exclude hidden apps")
  void pagesCoverEverything() {
    List<String> seen = new ArrayList<>();
    Optional<AppKey> after = Optional.empty();
    ApplicationList page;
    do {
      page = INDEX.list(AppQuery.ALL, VIEWER, after, 100);
      assertThat(page.total()).isEqualTo(9_000);
      page.items().forEach(a -> seen.add(a.namespace() + "/" + a.name()));
      after = Optional.ofNullable(page.continueToken()).flatMap(ContinueToken::parse);
    } while (after.isPresent());
    assertThat(seen).hasSize(9_000).doesNotHaveDuplicates().isSorted();
    assertThat(seen).noneMatch(k -> k.endsWith("0"));
    int synced = page.counts().sync().get(SyncState.Synced);
    int outOfSync = page.counts().sync().get(SyncState.OutOfSync);
    assertThat(synced + outOfSync).isEqualTo(9_000);
  }

  @Test
  @DisplayName("a namespace filter walks only that namespace and agrees with a scan; an app removed leaves every list")
  void namespaceAndRemoval() {
    ApplicationList team3 = INDEX.list(new AppQuery(Optional.of("team-3"), Optional.empty(), Optional.empty(),
        Optional.of(SyncState.OutOfSync), Optional.empty(), List.of(), Optional.empty()), a -> true, Optional.empty(), 1000);
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < APPS; i++) if (i % 20 == 3 && i % 5 == 0) expected.add("app-" + i);
    assertThat(team3.items()).extracting(ApplicationSummary::name).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(team3.continueToken()).isNull();
    INDEX.put(INDEX.get(new AppKey("team-1", "app-1")).orElseThrow());
    assertThat(INDEX.size()).isEqualTo(APPS);
  }

  @Test
  @DisplayName("one list request over 10,000 apps (filters, authoriser, counts, a page of 100 as JSON) takes well under 200 ms at p99")
  void fastAtTenThousand() {
    AppQuery query = new AppQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(new LabelMatch.Equals("tier", "web")), Optional.of("apps/"));
    long[] nanos = new long[300];
    for (int warm = 0; warm < 100; warm++) Json.write(INDEX.list(query, VIEWER, Optional.empty(), 100));
    for (int i = 0; i < nanos.length; i++) {
      long t = System.nanoTime();
      byte[] body = Json.write(INDEX.list(query, VIEWER, Optional.empty(), 100));
      nanos[i] = System.nanoTime() - t;
      assertThat(body.length).isGreaterThan(0);
    }
    Arrays.sort(nanos);
    double p50 = nanos[nanos.length / 2] / 1e6;
    double p99 = nanos[(int) (nanos.length * 0.99)] / 1e6;
    System.out.printf("list over %d apps: p50 %.2f ms, p99 %.2f ms%n", APPS, p50, p99);
    assertThat(p99).isLessThan(200.0);
  }
}
