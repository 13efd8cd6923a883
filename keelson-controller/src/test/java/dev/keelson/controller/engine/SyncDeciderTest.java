package dev.keelson.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.app.OperatorRequest;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The decisions around operations, without a cluster: precedence, gates and retries. */
class SyncDeciderTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String REV = "a".repeat(40);
  private static final String DIGEST = "digest-2";

  private static AppSettings settings(String policyYaml, String specYaml) {
    String yaml = """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: web
          namespace: team
        spec:
          source:
            repoURL: https://git.example.com/deploy.git
          syncPolicy:
        %s
        %s
        """.formatted(indent(policyYaml, 4), indent(specYaml, 2));
    return AppSettings.of(Serialization.unmarshal(yaml, Application.class));
  }

  private static String indent(String s, int n) {
    if (s == null || s.isBlank()) return "";
    return s.strip().lines().map(l -> " ".repeat(n) + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  private static final String AUTOMATED = "automated: {prune: true}";

  private static DesiredState desired() {
    return new DesiredState(List.of(), REV, "refs/heads/main", "tree", DIGEST, "directory");
  }

  private static ApplicationStatus applied(String digest) {
    ApplicationStatus s = new ApplicationStatus();
    s.appliedDigest = digest;
    return s;
  }

  private static OperationState op(String phase, String digest) {
    OperationState op = new OperationState();
    op.id = "op-1";
    op.phase = phase;
    op.digest = digest;
    op.revision = REV;
    op.trigger = "automated";
    op.initiatedBy = "automated";
    return op;
  }

  private record Run(SyncDecider.Decision decision, Orchestration orchestration) {
    OperationState started() {
      return ((SyncDecider.Decision.Start) decision).operation();
    }
  }

  private static Run decide(AppSettings app, ApplicationStatus status, Request request, boolean drifted,
      Dependencies deps) {
    Ledger ledger = new Ledger(app, status, request, CLOCK);
    var situation = new SyncDecider.Situation(app, status, request, desired(), drifted, ledger.pin(), deps,
        List.of(), List.of());
    SyncDecider.Decision d = ledger.record(new SyncDecider(CLOCK).decide(situation, ledger));
    return new Run(d, ledger.result(null, false));
  }

  private static Run decide(AppSettings app, ApplicationStatus status, Request request) {
    return decide(app, status, request, false, Dependencies.NONE);
  }

  private static Request syncRequest(String token) {
    return new Request(new Request.SyncRequest(token, "alice", false, false, List.of()), null, null, null, null, null, null);
  }

  @Nested
  @DisplayName("automated sync")
  class Automated {
    @Test
    @DisplayName("a new desired state starts an automated operation on it")
    void newStateStarts() {
      Run r = decide(settings(AUTOMATED, ""), applied("digest-1"), Request.NONE);

      assertThat(r.decision()).isInstanceOf(SyncDecider.Decision.Start.class);
      assertThat(r.started().trigger).isEqualTo("automated");
      assertThat(r.started().digest).isEqualTo(DIGEST);
      assertThat(r.started().prune).isTrue();
    }

    @Test
    @DisplayName("nothing new and no drift: idle")
    void idle() {
      assertThat(decide(settings(AUTOMATED, ""), applied(DIGEST), Request.NONE).decision())
          .isInstanceOf(SyncDecider.Decision.Idle.class);
    }

    @Test
    @DisplayName("drift is repaired only with selfHeal")
    void selfHeal() {
      assertThat(decide(settings(AUTOMATED, ""), applied(DIGEST), Request.NONE, true, Dependencies.NONE).decision())
          .isInstanceOf(SyncDecider.Decision.Idle.class);
      Run healed = decide(settings("automated: {selfHeal: true}", ""), applied(DIGEST), Request.NONE, true,
          Dependencies.NONE);
      assertThat(healed.started().trigger).isEqualTo("selfHeal");
    }

    @Test
    @DisplayName("a failed operation is not repeated on the same desired state without a retry policy")
    void failedNotRepeated() {
      ApplicationStatus s = applied("digest-1");
      s.operationState = op("Failed", DIGEST);

      assertThat(decide(settings(AUTOMATED, ""), s, Request.NONE).decision()).isInstanceOf(SyncDecider.Decision.Idle.class);
    }

    @Test
    @DisplayName("a sync request with an unreadable --resource selection is refused, naming it")
    void badSelection() {
      Request r = new Request(new Request.SyncRequest("t8", "alice", false, false, List.of("Deployment/web")),
          null, null, null, null, null, null);

      Run run = decide(settings(AUTOMATED, ""), applied(DIGEST), r);
      assertThat(run.decision()).isInstanceOf(SyncDecider.Decision.Idle.class);
      assertThat(run.orchestration().handled().sync()).isEqualTo("t8");
      assertThat(run.orchestration().events()).anySatisfy(e -> {
        assertThat(e.reason()).isEqualTo("SyncRefused");
        assertThat(e.message()).contains("t8").contains("Deployment/web");
      });
    }

    @Test
    @DisplayName("without automated sync nothing starts by itself")
    void manualApp() {
      assertThat(decide(settings("syncOptions: [CreateNamespace=true]", ""), applied("digest-1"), Request.NONE).decision())
          .isInstanceOf(SyncDecider.Decision.Idle.class);
    }
  }

  @Nested
  @DisplayName("running operations")
  class Running {
    @Test
    @DisplayName("continue while the desired state is the same; a new sync request is refused")
    void continues() {
      ApplicationStatus s = applied("digest-1");
      s.operationState = op("Running", DIGEST);

      Run r = decide(settings(AUTOMATED, ""), s, syncRequest("t1"));
      assertThat(r.decision()).isInstanceOf(SyncDecider.Decision.Continue.class);
      assertThat(r.orchestration().handled().sync()).isEqualTo("t1");
      assertThat(r.orchestration().events()).anyMatch(e -> e.reason().equals("SyncRefused"));
    }

    @Test
    @DisplayName("a changed desired state supersedes the running operation and starts a new one")
    void superseded() {
      ApplicationStatus s = applied("digest-1");
      s.operationState = op("Running", "digest-1");

      Run r = decide(settings(AUTOMATED, ""), s, Request.NONE);
      assertThat(r.started().digest).isEqualTo(DIGEST);
      assertThat(r.orchestration().audit()).anySatisfy(e -> {
        assertThat(e.result).isEqualTo("Terminated");
        assertThat(e.message).contains("superseded");
      });
    }

    @Test
    @DisplayName("terminate-op stops it and is recorded with who asked")
    void terminate() {
      ApplicationStatus s = applied("digest-1");
      s.operationState = op("Running", DIGEST);
      Request r = new Request(null, null, null, null, null, OperatorRequest.of("carol", "t9"), null);

      Run run = decide(settings(AUTOMATED, ""), s, r);
      assertThat(run.orchestration().operation().phase).isEqualTo("Terminated");
      assertThat(run.orchestration().handled().terminate()).isEqualTo("t9");
      assertThat(run.orchestration().audit()).anySatisfy(e -> {
        assertThat(e.action).isEqualTo("Terminate");
        assertThat(e.initiatedBy).isEqualTo("carol");
      });
      // and a terminated operation is not restarted by automation on the same state
      assertThat(run.decision()).isInstanceOf(SyncDecider.Decision.Idle.class);
    }

    @Test
    @DisplayName("a suspended app pauses its running operation")
    void pausedWhenSuspended() {
      ApplicationStatus s = applied("digest-1");
      s.operationState = op("Running", DIGEST);

      Run r = decide(settings(AUTOMATED, "suspend: true"), s, Request.NONE);
      assertThat(r.decision()).isInstanceOf(SyncDecider.Decision.Idle.class);
      assertThat(r.orchestration().gate().reason()).isEqualTo("Suspended");
    }
  }

  @Nested
  @DisplayName("gates")
  class Gates {
    @Test
    @DisplayName("approval: a new state is planned and held; approving it starts the operation by the approver")
    void approval() {
      AppSettings app = settings(AUTOMATED + "\napproval: {required: true}", "");
      Run held = decide(app, applied("digest-1"), Request.NONE);
      assertThat(held.decision()).isInstanceOf(SyncDecider.Decision.Idle.class);
      assertThat(held.orchestration().pending().revision).isEqualTo(REV);
      assertThat(held.orchestration().gate().reason()).isEqualTo("AwaitingApproval");

      Request approve = new Request(null, new OperatorRequest("dana", "t2", REV, null), null, null, null, null, null);
      Run approved = decide(app, applied("digest-1"), approve);
      assertThat(approved.started().trigger).isEqualTo("approval");
      assertThat(approved.started().initiatedBy).isEqualTo("dana");
      assertThat(approved.orchestration().audit()).anySatisfy(e -> assertThat(e.action).isEqualTo("Approve"));
    }

    @Test
    @DisplayName("approving another revision than the one planned is refused and recorded")
    void approvalOfAnotherRevision() {
      AppSettings app = settings(AUTOMATED + "\napproval: {required: true}", "");
      Request approve = new Request(null, new OperatorRequest("dana", "t2", "b".repeat(40), null), null, null, null, null, null);

      Run r = decide(app, applied("digest-1"), approve);
      assertThat(r.decision()).isInstanceOf(SyncDecider.Decision.Idle.class);
      assertThat(r.orchestration().audit()).anySatisfy(e -> assertThat(e.result).isEqualTo("Refused"));
    }

    @Test
    @DisplayName("an active deny window holds automated syncs; manualSync lets an operator through")
    void denyWindow() {
      String deny = AUTOMATED + "\nwindows: [{kind: deny, schedule: '0 12 * * *', duration: 1h}]";
      Run blocked = decide(settings(deny, ""), applied("digest-1"), Request.NONE);
      assertThat(blocked.decision()).isInstanceOf(SyncDecider.Decision.Idle.class);
      assertThat(blocked.orchestration().gate().reason()).isEqualTo("SyncWindowBlocked");
      assertThat(blocked.orchestration().nextLook()).isEqualTo(Instant.parse("2026-11-26T13:00:00Z"));

      assertThat(decide(settings(deny, ""), applied("digest-1"), syncRequest("t3")).decision())
          .isInstanceOf(SyncDecider.Decision.Idle.class);
      String manual = AUTOMATED + "\nwindows: [{kind: deny, schedule: '0 12 * * *', duration: 1h, manualSync: true}]";
      Run let = decide(settings(manual, ""), applied("digest-1"), syncRequest("t3"));
      assertThat(let.started().id).isEqualTo("t3");
      assertThat(let.started().trigger).isEqualTo("manual");
    }

    @Test
    @DisplayName("dependencies not ready hold every start; a cycle is reported as stalled")
    void dependencies() {
      Dependencies waiting = new Dependencies() {
        @Override
        public Optional<List<String>> cycle() {
          return Optional.empty();
        }

        @Override
        public Optional<String> notReady() {
          return Optional.of("waiting for application team/db to be Synced and Healthy");
        }
      };
      Run r = decide(settings(AUTOMATED, ""), applied("digest-1"), syncRequest("t4"), false, waiting);
      assertThat(r.decision()).isInstanceOf(SyncDecider.Decision.Idle.class);
      assertThat(r.orchestration().gate().reason()).isEqualTo("DependencyNotReady");

      Dependencies cyclic = new Dependencies() {
        @Override
        public Optional<List<String>> cycle() {
          return Optional.of(List.of("team/web", "team/db", "team/web"));
        }

        @Override
        public Optional<String> notReady() {
          return Optional.empty();
        }
      };
      Run c = decide(settings(AUTOMATED, ""), applied("digest-1"), Request.NONE, false, cyclic);
      assertThat(c.decision()).isInstanceOf(SyncDecider.Decision.Idle.class);
      assertThat(c.orchestration().gate().reason()).isEqualTo("DependencyCycle");
      assertThat(c.orchestration().gate().stalled()).isTrue();
    }
  }

  @Nested
  @DisplayName("retries and rollbacks")
  class RetriesAndRollbacks {
    private static final String RETRY = AUTOMATED + "\nretry: {limit: 2, backoff: {duration: 5s}}";

    @Test
    @DisplayName("a due retry starts the next attempt with its count; one not yet due is looked at when due")
    void retry() {
      ApplicationStatus s = applied("digest-1");
      s.operationState = op("Failed", DIGEST);
      s.operationState.nextRetryAt = "2026-11-26T12:00:10Z";
      Run early = decide(settings(RETRY, ""), s, Request.NONE);
      assertThat(early.decision()).isInstanceOf(SyncDecider.Decision.Idle.class);
      assertThat(early.orchestration().nextLook()).isEqualTo(Instant.parse("2026-11-26T12:00:10Z"));

      s.operationState.nextRetryAt = "2026-11-26T11:59:59Z";
      Run due = decide(settings(RETRY, ""), s, Request.NONE);
      assertThat(due.started().trigger).isEqualTo("retry");
      assertThat(due.started().retryCount).isEqualTo(1);
    }

    @Test
    @DisplayName("retries exhausted: the failure stands")
    void exhausted() {
      ApplicationStatus s = applied("digest-1");
      s.operationState = op("Failed", DIGEST);
      s.operationState.retryCount = 2;

      assertThat(decide(settings(RETRY, ""), s, Request.NONE).decision()).isInstanceOf(SyncDecider.Decision.Idle.class);
    }

    @Test
    @DisplayName("a rollback to a history entry pins the app and starts a rollback operation by the operator")
    void rollback() {
      ApplicationStatus s = applied(DIGEST);
      var entry = new ApplicationStatus.HistoryEntry();
      entry.id = 3L;
      entry.revision = REV;
      entry.action = "Sync";
      entry.result = "Succeeded";
      s.history.add(entry);
      var failed = new ApplicationStatus.HistoryEntry();
      failed.id = 4L;
      failed.revision = REV;
      failed.action = "Sync";
      failed.result = "Failed";
      s.history.add(failed);
      Request r = new Request(null, null, new OperatorRequest("erin", "t5", null, 3L), null,
          new OperatorRequest("erin", "t5", null, 3L), null, null);

      Run run = decide(settings(AUTOMATED, ""), s, r);
      assertThat(run.started().trigger).isEqualTo("rollback");
      assertThat(run.started().initiatedBy).isEqualTo("erin");
      assertThat(run.orchestration().pin().historyId).isEqualTo(3L);
      assertThat(run.orchestration().handled().rollback()).isEqualTo("t5");
    }

    @Test
    @DisplayName("a rollback to a failed sync is refused: only what was deployed can be returned to")
    void rollbackToFailure() {
      ApplicationStatus s = applied(DIGEST);
      var failed = new ApplicationStatus.HistoryEntry();
      failed.id = 4L;
      failed.revision = REV;
      failed.action = "Sync";
      failed.result = "Failed";
      s.history.add(failed);
      Request r = new Request(null, null, new OperatorRequest("erin", "t7", null, 4L), null,
          new OperatorRequest("erin", "t7", null, 4L), null, null);

      Run run = decide(settings(AUTOMATED, ""), s, r);
      assertThat(run.orchestration().pin()).isNull();
      assertThat(run.orchestration().audit()).anySatisfy(e -> assertThat(e.result).isEqualTo("Refused"));
    }

    @Test
    @DisplayName("a rollback to an entry not in history is refused and recorded")
    void rollbackUnknown() {
      Request r = new Request(null, null, new OperatorRequest("erin", "t6", null, 42L), null,
          new OperatorRequest("erin", "t6", null, 42L), null, null);

      Run run = decide(settings(AUTOMATED, ""), applied(DIGEST), r);
      assertThat(run.orchestration().pin()).isNull();
      assertThat(run.orchestration().audit()).anySatisfy(e -> {
        assertThat(e.action).isEqualTo("Rollback");
        assertThat(e.result).isEqualTo("Refused");
      });
    }
  }
}
