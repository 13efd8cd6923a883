package dev.keelson.controller.engine;

import dev.keelson.core.sync.OperationPhase;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.api.v1alpha1.ApplicationStatus.PendingApproval;
import dev.keelson.api.v1alpha1.ApplicationStatus.Pin;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.core.schedule.SyncWindows;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, from what was asked and what is, whether an operation starts, continues or waits, and
 * what holds it back. The order of precedence: a terminate request; a running operation (paused
 * while suspended, superseded when the desired state changed); then a rollback, an approval, a
 * sync request, a due retry, and finally automated sync and self-heal. Every start passes the
 * gates that apply to it: suspend, dependency cycles and readiness, sync windows, approval.
 */
final class SyncDecider {
  private final Clock clock;

  SyncDecider(Clock clock) {
    this.clock = clock;
  }

  record Situation(AppSettings app, ApplicationStatus status, Request request, DesiredState desired,
      boolean drifted, Pin pin, Dependencies deps, List<ResourceState> states, List<Pruner.Stale> stale) {}

  sealed interface Decision {
    record Start(OperationState operation) implements Decision {}

    record Continue() implements Decision {}

    record Idle() implements Decision {}
  }

  /** A decision and what it says besides, to be recorded by {@link Ledger#record}. */
  record Decided(Decision decision, List<DecisionNote> notes) {}

  /**
   * How a start is gated.
   */
  enum Gating {
    /** Nobody asked: sync windows apply in full, dependencies must be ready. */
    AUTOMATED(false, true),
    /** An operator asked: sync windows let it through where manualSync allows. */
    MANUAL(true, true),
    /** A rollback restores a known state: as manual, without waiting for dependencies. */
    ROLLBACK(true, false);

    final boolean manual;
    final boolean checkDeps;

    Gating(boolean manual, boolean checkDeps) {
      this.manual = manual;
      this.checkDeps = checkDeps;
    }
  }

  /** An operation that would start, before its gates are passed. */
  record StartRequest(String trigger, String by, String token, boolean prune, boolean dryRun, List<String> resources,
      int retries, Gating gating) {}

  /** What a decision notes as it goes, in order; read back into a {@link Decided}. */
  private static final class Notes {
    private final List<DecisionNote> notes = new ArrayList<>();

    void stop(OperationPhase phase, String message) {
      notes.add(new DecisionNote.Stop(phase, message));
    }

    void pause(String message) {
      notes.add(new DecisionNote.Pause(message));
    }

    void audit(String action, OperatorRequest by, String revision, String result, String message) {
      notes.add(new DecisionNote.Audit(action, by, revision, result, message));
    }

    void event(boolean warning, String reason, String message) {
      notes.add(new DecisionNote.Event(warning, reason, message));
    }

    void gate(String reason, String message, boolean stalled) {
      notes.add(new DecisionNote.Gate(reason, message, stalled));
    }

    void pending(PendingApproval p) {
      notes.add(new DecisionNote.Pending(p));
    }

    void nextLook(Instant at) {
      notes.add(new DecisionNote.NextLook(at));
    }

    Decided with(Decision d) {
      return new Decided(d, List.copyOf(notes));
    }
  }

  private static final Decision IDLE = new Decision.Idle();

  /** Decides without changing anything: reads {@code ledger}, writes nothing into it. */
  Decided decide(Situation s, Ledger ledger) {
    Notes notes = new Notes();
    return notes.with(decide(s, ledger, notes));
  }

  private Decision decide(Situation s, Ledger ledger, Notes notes) {
    Request r = s.request();
    OperationState op = ledger.operation();
    // the phase as this decision leaves it: a stop is only noted, the operation is unchanged
    OperationPhase phase = op == null ? null : OperationPhase.of(op.phase);
    boolean suspended = s.app().policy().suspend();

    if (r.terminate() != null) {
      if (phase == OperationPhase.Running) {
        notes.stop(OperationPhase.Terminated, "terminated by " + r.terminate().by());
        phase = OperationPhase.Terminated;
        notes.audit("Terminate", r.terminate(), op.revision, "Done", "operation " + op.id + " terminated");
        notes.event(true, "OperationTerminated", "operation on revision " + op.revision + " terminated by " + r.terminate().by());
      } else {
        notes.audit("Terminate", r.terminate(), null, "Refused", "no operation was running");
      }
    }
    if (suspended) {
      notes.gate("Suspended", "syncing is suspended (spec.suspend)", false);
    }
    Optional<List<String>> cycle = s.deps().cycle();
    if (cycle.isPresent()) {
      notes.gate("DependencyCycle", "dependency cycle: " + String.join(" -> ", cycle.get()), true);
    }

    if (phase == OperationPhase.Running) {
      if (suspended) {
        refuseAll(s, notes, "syncing is suspended");
        notes.pause("paused: syncing is suspended");
        return IDLE;
      }
      if (s.desired().digest().equals(op.digest)) {
        refuseAll(s, notes, "an operation is already running");
        return new Decision.Continue();
      }
      notes.stop(OperationPhase.Terminated,
          "superseded: the desired state changed (now revision " + s.desired().revision() + ")");
      phase = OperationPhase.Terminated;
      notes.event(false, "OperationSuperseded", "operation on revision " + op.revision + " superseded by revision "
          + s.desired().revision());
    }

    if (ledger.rollbackRequested()) {
      OperatorRequest by = r.rollback();
      return startIf(s, notes, new StartRequest("rollback", by.by(), by.at(), false, false, List.of(), 0, Gating.ROLLBACK));
    }
    if (r.approve() != null) {
      OperatorRequest a = r.approve();
      if (a.revision() != null && !a.revision().equals(s.desired().revision())) {
        String why = "revision " + a.revision() + " is not the one to approve (" + s.desired().revision() + ")";
        notes.audit("Approve", a, a.revision(), "Refused", why);
        notes.event(true, "ApprovalRefused", why + ", asked by " + a.by());
      } else {
        notes.audit("Approve", a, s.desired().revision(), "Approved", "approved by " + a.by());
        notes.event(false, "Approved", "revision " + s.desired().revision() + " approved by " + a.by());
        return startIf(s, notes, new StartRequest("approval", a.by(), a.at(), s.app().prune(), false, List.of(), 0,
            Gating.MANUAL));
      }
    }
    if (r.sync() != null) {
      Request.SyncRequest q = r.sync();
      return startIf(s, notes, new StartRequest("manual", q.by(), q.token(), s.app().prune() || q.prune(), q.dryRun(),
          q.resources(), 0, Gating.MANUAL));
    }
    boolean changed = !s.desired().digest().equals(s.status() == null ? null : s.status().appliedDigest);
    // a dry run or a selective sync does not count: it neither applied the whole state (so it
    // approves nothing) nor settles a failure
    boolean ranForThis = op != null && s.desired().digest().equals(op.digest)
        && !Boolean.TRUE.equals(op.dryRun) && op.resources == null;
    boolean approvalNeeded = s.app().policy().approvalRequired() && changed && !ranForThis && s.pin() == null;
    if (approvalNeeded) pend(s, ledger, notes);

    if (phase == OperationPhase.Failed && ranForThis && s.app().policy().retry() != null) {
      if (op.nextRetryAt == null) return IDLE; // retries exhausted: the failure stands until something changes
      Instant due = Instant.parse(op.nextRetryAt);
      if (clock.instant().isBefore(due)) {
        notes.nextLook(due);
        return IDLE;
      }
      int retries = (op.retryCount == null ? 0 : op.retryCount) + 1;
      // Manual or not by who started the first attempt (kept through retries): the trigger of a
      // retry is "retry", so judging by it would turn the second retry of an automated sync manual.
      return startIf(s, notes, new StartRequest("retry", op.initiatedBy, null, Boolean.TRUE.equals(op.prune), false,
          op.resources == null ? List.of() : op.resources, retries,
          "automated".equals(op.initiatedBy) ? Gating.AUTOMATED : Gating.MANUAL));
    }
    if (ranForThis && (phase == OperationPhase.Failed || phase == OperationPhase.Terminated)) {
      // As in Argo CD: a failed or terminated sync is not tried again on the same desired state
      // unless a retry policy says so; a change of the rendered objects (a commit, a change of
      // source settings) or an operator moves it on.
      return IDLE;
    }
    if (!s.app().automated()) return IDLE;
    boolean selfHeal = !changed && s.drifted() && s.app().selfHeal();
    if (!changed && !selfHeal) return IDLE;
    if (approvalNeeded) return IDLE;
    return startIf(s, notes, new StartRequest(changed ? "automated" : "selfHeal", "automated", null, s.app().prune(),
        false, List.of(), 0, Gating.AUTOMATED));
  }

  /** Starts an operation unless a gate holds it back. */
  private Decision startIf(Situation s, Notes notes, StartRequest q) {
    String refusal = invalidSelection(q.resources());
    if (refusal == null) refusal = gate(s, notes, q.gating());
    if (refusal != null) {
      if (q.gating().manual) notes.event(true, "SyncRefused", refusal(q.trigger(), q.token(), q.by(), refusal));
      return IDLE;
    }
    OperationState op = new OperationState();
    op.id = q.token() != null ? q.token() : automatedId(s, q.trigger());
    op.trigger = q.trigger();
    op.initiatedBy = q.by();
    op.revision = s.desired().revision();
    op.digest = s.desired().digest();
    op.prune = q.prune();
    op.dryRun = q.dryRun() ? Boolean.TRUE : null;
    op.resources = q.resources().isEmpty() ? null : new ArrayList<>(q.resources());
    op.retryCount = q.retries() == 0 ? null : q.retries();
    return new Decision.Start(op);
  }

  /** A --resource selection that cannot be read (the annotation may be written by hand), or null. */
  private static String invalidSelection(List<String> resources) {
    for (String r : resources) {
      try {
        ResourceSelector.parse(r);
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    return null;
  }

  /** The reason nothing may start now, or null. */
  private String gate(Situation s, Notes notes, Gating gating) {
    if (s.app().policy().suspend()) return "syncing is suspended";
    Optional<List<String>> cycle = s.deps().cycle();
    if (cycle.isPresent()) return "dependency cycle: " + String.join(" -> ", cycle.get());
    if (gating.checkDeps) {
      Optional<String> notReady = s.deps().notReady();
      if (notReady.isPresent()) {
        notes.gate("DependencyNotReady", notReady.get(), false);
        notes.nextLook(clock.instant().plusSeconds(5));
        return notReady.get();
      }
    }
    SyncWindows.Verdict window = s.app().policy().windows().evaluate(clock.instant(), gating.manual);
    if (!window.allowed()) {
      notes.gate("SyncWindowBlocked", window.message(), false);
      notes.nextLook(window.nextChange());
      return window.message();
    }
    return null;
  }

  private void refuseAll(Situation s, Notes notes, String why) {
    if (s.request().sync() != null) {
      notes.event(true, "SyncRefused", refusal("manual", s.request().sync().token(), s.request().sync().by(), why));
    }
    if (s.request().approve() != null) {
      notes.audit("Approve", s.request().approve(), s.desired().revision(), "Refused", why);
    }
  }

  private void pend(Situation s, Ledger ledger, Notes notes) {
    PendingApproval p = new PendingApproval();
    p.revision = s.desired().revision();
    p.digest = s.desired().digest();
    PendingApproval old = s.status() == null ? null : s.status().pendingApproval;
    p.since = old != null && p.digest.equals(old.digest) && old.since != null ? old.since : ledger.now();
    for (ResourceState st : s.states()) {
      if (!st.sync().needsApply() && st.sync() != ResourceState.Sync.Conflict) continue;
      String what = st.sync() == ResourceState.Sync.Conflict ? "Skipped" : st.live() == null ? "Create" : "Configure";
      p.changes.add(what + " " + st.desired().key());
    }
    if (s.app().prune()) {
      for (Pruner.Stale st : s.stale()) p.changes.add("Prune " + st.key());
    }
    notes.pending(p);
    notes.gate("AwaitingApproval", "revision " + p.revision + " awaits approval: `keelson app approve "
        + s.app().ref().name() + "`", false);
    if (old == null || !p.digest.equals(old.digest)) {
      notes.event(false, "ApprovalRequired", "revision " + p.revision + " planned (" + p.changes.size()
          + " change(s)); waiting for `keelson app approve`");
    }
  }

  /** The message of a SyncRefused event; it names the request's token, by which the CLI finds it. */
  static String refusal(String trigger, String token, String by, String why) {
    return trigger + " sync " + (token == null ? "" : "(request " + token + ") ") + "asked by " + by + " not run: " + why;
  }

  /**
   * The id of an operation nobody asked for, derived from the status it starts from: a controller
   * that dies before writing it starts the same operation again under the same id, so hooks it
   * already created are recognised instead of being run twice.
   */
  private static String automatedId(Situation s, String trigger) {
    long nextEntry = s.status() == null || s.status().history == null ? 1
        : s.status().history.stream().mapToLong(e -> e.id == null ? 0 : e.id).max().orElse(0) + 1;
    String digest = s.desired().digest();
    return trigger + "-" + nextEntry + "-" + (digest.length() > 12 ? digest.substring(0, 12) : digest);
  }
}
