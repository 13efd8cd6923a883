package dev.keelson.automation.promotion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * From the stages' observed Applications and what the last status remembers, each stage's phase
 * and the pipeline's next action. A stage is Verified when it runs its freight Synced and Healthy
 * for its soak duration (the clock restarts whenever it stops being so or runs other freight);
 * only a Verified stage's freight goes on, into the next stage, and only when that stage does not
 * run it or is not already being promoted to it. A stage that is Degraded or failed its sync is
 * never Verified, so what it runs goes no further (a newer candidate from before it may still fix
 * it); one that failed with a candidate is not given that candidate again. A stage with analysis
 * also needs its candidate's AnalysisRun Successful: a Failed or Error run fails the stage, an
 * Inconclusive one holds it (Soaking, said in its message) until the run is measured again or a
 * person promotes by hand. Pure: no client, no Git.
 */
public final class PromotionDecider {
  private PromotionDecider() {}

  /** For stages without analysis. */
  public static PromotionDecision decide(List<StageSpec> specs, List<Observed> observed, List<StageMemory> memory,
      Instant now) {
    return decide(specs, observed, java.util.Collections.nCopies(specs.size(), StageAnalysis.NONE), memory, now);
  }

  /**
   * @param analyses one per stage: the AnalysisRun of the candidate it runs now, or {@link StageAnalysis#NONE}
   */
  public static PromotionDecision decide(List<StageSpec> specs, List<Observed> observed, List<StageAnalysis> analyses,
      List<StageMemory> memory, Instant now) {
    if (specs.size() != observed.size() || specs.size() != memory.size() || specs.size() != analyses.size()) {
      throw new IllegalArgumentException("one observation, analysis and memory per stage");
    }
    List<StageState> states = new ArrayList<>();
    List<Optional<Freight>> runs = new ArrayList<>();
    Duration recheck = null;
    for (int i = 0; i < specs.size(); i++) {
      StageSpec spec = specs.get(i);
      Observed o = observed.get(i);
      StageMemory m = memory.get(i);
      StageState state;
      Freight promoting = m.promoting();
      if (!o.found()) {
        state = new StageState(StagePhase.Missing, since(m, StagePhase.Missing, null, now), "Application not found",
            null, promoting);
      } else {
        if (promoting != null && promoting.equals(o.freight())) promoting = null; // it runs it now
        if (o.failure() != null) {
          state = new StageState(StagePhase.Failed, since(m, StagePhase.Failed, o.freight(), now), o.failure(),
              o.freight(), promoting);
        } else if (promoting != null) {
          state = new StageState(StagePhase.Promoting, since(m, StagePhase.Promoting, o.freight(), now),
              "promoted to " + promoting.describe() + ", waiting for the Application to run it", o.freight(), promoting);
        } else if (!o.synced() || !o.healthy() || o.freight() == null) {
          state = new StageState(StagePhase.Progressing, since(m, StagePhase.Progressing, o.freight(), now),
              o.freight() == null ? "what it runs is not known yet" : !o.synced() ? "not Synced" : "not Healthy",
              o.freight(), null);
        } else {
          Instant good = soakingSince(m, o.freight(), now);
          Duration left = spec.soak().minus(Duration.between(good, now));
          boolean soaked = left.isNegative() || left.isZero();
          StageAnalysis a = analyses.get(i);
          boolean analysed = spec.verification() == Verification.SOAK_AND_ANALYSIS;
          if (analysed && a.phase().failed()) {
            state = new StageState(StagePhase.Failed, since(m, StagePhase.Failed, o.freight(), now),
                analysisText(a) + (a.message() == null ? "" : ": " + a.message()), o.freight(), null);
          } else if (soaked && (!analysed || a.phase() == AnalysisPhase.Successful)) {
            Instant since = m.phase() == StagePhase.Verified && o.freight().equals(m.current()) ? m.since() : now;
            state = new StageState(StagePhase.Verified, since, "runs " + o.freight().describe(), o.freight(), null);
          } else {
            // the same text every pass (no countdown), so an unchanged stage writes no status
            StringBuilder msg = new StringBuilder("runs " + o.freight().describe() + ", Synced and Healthy");
            if (analysed) msg.append("; ").append(analysisWait(a));
            if (!soaked) msg.append("; soaking until ").append(good.plus(spec.soak()));
            state = new StageState(StagePhase.Soaking, good, msg.toString(), o.freight(), null);
            if (!soaked) recheck = min(recheck, left);
          }
        }
      }
      states.add(state);
      runs.add(analysisWanted(spec, o, promoting, analyses.get(i)));
    }
    PromotionAction action = null;
    // the first stage whose predecessor is Verified with freight it neither runs nor is promoted to
    for (int i = 1; i < specs.size() && action == null; i++) {
      StageState before = states.get(i - 1);
      StageState here = states.get(i);
      if (before.phase() != StagePhase.Verified || here.phase() == StagePhase.Missing) continue;
      Freight candidate = before.current();
      // a stage that failed running this very candidate is not given it again: that changes nothing
      if (candidate.equals(here.current()) || candidate.equals(here.promoting())
          || candidate.key().equals(memory.get(i).offered())) {
        continue;
      }
      if (specs.get(i).approval() == Approval.required && !candidate.key().equals(memory.get(i).approved())) {
        states.set(i, new StageState(StagePhase.AwaitingApproval,
            since(memory.get(i), StagePhase.AwaitingApproval, here.current(), now),
            "candidate " + candidate.describe() + " from " + specs.get(i - 1).name() + " awaits approval",
            here.current(), here.promoting()));
        action = new PromotionAction.AwaitApproval(i, candidate);
      } else {
        action = new PromotionAction.Promote(i, candidate);
      }
    }
    for (int i = 0; i < states.size() && action == null; i++) {
      if (states.get(i).phase() == StagePhase.Failed) {
        action = new PromotionAction.Failed(i, specs.get(i).name() + ": " + states.get(i).message());
      }
    }
    for (int i = 0; i < states.size() && action == null; i++) {
      StagePhase p = states.get(i).phase();
      if (p == StagePhase.Missing || p == StagePhase.Promoting || p == StagePhase.Progressing
          || p == StagePhase.Soaking) {
        action = new PromotionAction.Wait(specs.get(i).name() + ": " + states.get(i).message());
      }
    }
    if (action == null) action = new PromotionAction.Wait("every stage runs what it should");
    return new PromotionDecision(states, action, runs, Optional.ofNullable(recheck));
  }

  /**
   * A stage with analysis needs a run of the candidate it runs once it runs it Synced and Healthy,
   * and keeps it while it runs that candidate (a run is not measured again because health flickered).
   */
  private static Optional<Freight> analysisWanted(StageSpec spec, Observed o, Freight promoting, StageAnalysis a) {
    if (spec.verification() != Verification.SOAK_AND_ANALYSIS || !o.found() || o.freight() == null || promoting != null) {
      return Optional.empty();
    }
    boolean good = o.synced() && o.healthy() && o.failure() == null;
    return good || a.exists() ? Optional.of(o.freight()) : Optional.empty();
  }

  private static String analysisText(StageAnalysis a) {
    return "analysis " + (a.run() == null ? "" : a.run() + " ") + a.phase();
  }

  private static String analysisWait(StageAnalysis a) {
    if (!a.exists()) return "analysis starting";
    if (a.phase() == AnalysisPhase.Inconclusive) {
      return analysisText(a) + (a.message() == null ? "" : " (" + a.message() + ")")
          + ": waiting; delete the AnalysisRun to measure again, or promote by hand";
    }
    return analysisText(a);
  }

  /**
   * Since when the stage has run this freight Synced and Healthy: kept across passes while so. A
   * stage awaiting approval of its next freight counts from when the wait began (no later than
   * it was first good, so never too early).
   */
  private static Instant soakingSince(StageMemory m, Freight freight, Instant now) {
    if (!freight.equals(m.current()) || m.since() == null || m.phase() == null) return now;
    return switch (m.phase()) {
      case Verified -> Instant.EPOCH;
      case Soaking, AwaitingApproval -> m.since();
      default -> now;
    };
  }

  private static Instant since(StageMemory m, StagePhase phase, Freight current, Instant now) {
    return m.phase() == phase && m.since() != null && Objects.equals(m.current(), current) ? m.since() : now;
  }

  private static Duration min(Duration a, Duration b) {
    return a == null || b.compareTo(a) < 0 ? b : a;
  }
}
