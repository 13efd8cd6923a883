package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RequestCounterTest {

  @Test
  void countsWritesWatchesAndDryRunsByResource() {
    RequestCounter c = new RequestCounter();
    RequestCounter.Snapshot before = c.snapshot();
    c.record("GET", URI.create("https://h/api/v1/namespaces/a/configmaps?labelSelector=x&watch=true"));
    c.record("PATCH", URI.create("https://h/api/v1/namespaces/a/configmaps/b?fieldManager=keelson&dryRun=All"));
    c.record("PATCH", URI.create("https://h/apis/keelson.dev/v1alpha1/namespaces/a/applications/x/status"));
    c.record("GET", URI.create("https://h/apis/apps/v1/deployments"));
    c.record("GET", URI.create("https://h/version"));
    RequestCounter.Snapshot d = c.snapshot().minus(before);
    assertThat(d.total()).isEqualTo(5);
    assertThat(d.writes()).isEqualTo(2);
    assertThat(d.watches()).isEqualTo(1);
    assertThat(d.dryRuns()).isEqualTo(1);
    assertThat(d.byKind()).containsEntry("GET configmaps (watch)", 1L)
        .containsEntry("PATCH configmaps (dry-run)", 1L)
        .containsEntry("PATCH applications/status", 1L)
        .containsEntry("GET deployments", 1L)
        .containsEntry("GET /version", 1L);
  }
}
