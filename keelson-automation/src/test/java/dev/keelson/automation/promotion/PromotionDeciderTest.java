package dev.keelson.automation.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromotionDeciderTest {
  static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
  static final String WEB = "ghcr.io/org/web";

  static Freight tag(String t) {
    return Freight.of(null, Map.of(WEB, t), null);
  }

  static Observed good(Freight f) {
    return new Observed(true, true, true, f, null);
  }

  static List<StageSpec> stages(Duration soak, Approval prod) {
    return List.of(new StageSpec("dev", Approval.auto, soak), new StageSpec("staging", Approval.auto, soak),
        new StageSpec("prod", prod, Duration.ZERO));
  }

  static List<StageMemory> none() {
    return List.of(StageMemory.NONE, StageMemory.NONE, StageMemory.NONE);
  }

  static List<StageMemory> remember(PromotionDecision d, String... approved) {
    List<StageMemory> out = new ArrayList<>();
    for (int i = 0; i < d.stages().size(); i++) {
      StageState s = d.stages().get(i);
      out.add(new StageMemory(s.phase(), s.since(), s.current(), s.promoting(), i < approved.length ? approved[i] : null, null));
    }
    return out;
  }

  @Test
  void aVerifiedStagePromotesTheNextAndOnlyTheFirstDifference() {
    PromotionDecision d = PromotionDecider.decide(stages(Duration.ZERO, Approval.auto),
        List.of(good(tag("1.1")), good(tag("1.0")), good(tag("1.0"))), none(), T0);
    assertThat(d.action()).isEqualTo(new PromotionAction.Promote(1, tag("1.1")));
    assertThat(d.stages()).extracting(StageState::phase)
        .containsExactly(StagePhase.Verified, StagePhase.Verified, StagePhase.Verified);
  }

  @Test
  void soakingHoldsThePromotionUntilTheDurationPassedRunningTheSameFreight() {
    var specs = stages(Duration.ofMinutes(5), Approval.auto);
    var obs = List.of(good(tag("1.1")), good(tag("1.0")), good(tag("1.0")));
    PromotionDecision first = PromotionDecider.decide(specs, obs, none(), T0);
    assertThat(first.stages().get(0).phase()).isEqualTo(StagePhase.Soaking);
    assertThat(first.action()).isInstanceOf(PromotionAction.Wait.class);
    assertThat(first.recheck()).contains(Duration.ofMinutes(5));
    PromotionDecision later = PromotionDecider.decide(specs, obs, remember(first), T0.plusSeconds(200));
    assertThat(later.stages().get(0).phase()).isEqualTo(StagePhase.Soaking);
    assertThat(later.recheck()).contains(Duration.ofSeconds(100));
    // the same text on every pass: an unchanged stage writes no new status
    assertThat(later.stages().get(0).message()).isEqualTo(first.stages().get(0).message())
        .isEqualTo("runs " + WEB + ":1.1, Synced and Healthy; soaking until 2026-12-02T08:05:00Z");
    PromotionDecision done = PromotionDecider.decide(specs, obs, remember(later), T0.plusSeconds(300));
    assertThat(done.action()).isEqualTo(new PromotionAction.Promote(1, tag("1.1")));
    // a stage that stops being Healthy starts its soak again
    var sick = List.of(new Observed(true, true, false, tag("1.1"), null), good(tag("1.0")), good(tag("1.0")));
    PromotionDecision progressing = PromotionDecider.decide(specs, sick, remember(later), T0.plusSeconds(300));
    assertThat(progressing.stages().get(0).phase()).isEqualTo(StagePhase.Progressing);
    PromotionDecision again = PromotionDecider.decide(specs, obs, remember(progressing), T0.plusSeconds(310));
    assertThat(again.stages().get(0).phase()).isEqualTo(StagePhase.Soaking);
    assertThat(again.stages().get(0).since()).isEqualTo(T0.plusSeconds(310));
  }

  @Test
  void aPromotedStageIsPromotingUntilItRunsTheCandidateThenTheNextFollows() {
    var specs = stages(Duration.ZERO, Approval.auto);
    List<StageMemory> pushed = List.of(StageMemory.NONE, new StageMemory(StagePhase.Promoting, T0, tag("1.0"), tag("1.1"), null, tag("1.1").key()),
        StageMemory.NONE);
    PromotionDecision waiting = PromotionDecider.decide(specs,
        List.of(good(tag("1.1")), good(tag("1.0")), good(tag("1.0"))), pushed, T0);
    assertThat(waiting.stages().get(1).phase()).isEqualTo(StagePhase.Promoting);
    assertThat(waiting.action()).isInstanceOf(PromotionAction.Wait.class);
    assertThat(((PromotionAction.Wait) waiting.action()).reason()).startsWith("staging: promoted to " + WEB + ":1.1");
    PromotionDecision arrived = PromotionDecider.decide(specs,
        List.of(good(tag("1.1")), good(tag("1.1")), good(tag("1.0"))), remember(waiting), T0.plusSeconds(5));
    assertThat(arrived.stages().get(1).promoting()).isNull();
    assertThat(arrived.action()).isEqualTo(new PromotionAction.Promote(2, tag("1.1")));
  }

  @Test
  void aFailingStageStopsThePipelineThereAndIsNotGivenTheSameCandidateAgain() {
    var specs = stages(Duration.ZERO, Approval.auto);
    PromotionDecision d = PromotionDecider.decide(specs, List.of(good(tag("1.1")),
        new Observed(true, true, false, tag("1.1"), "Degraded: Deployment web exceeded its progress deadline"),
        good(tag("1.0"))), none(), T0);
    assertThat(d.stages().get(1).phase()).isEqualTo(StagePhase.Failed);
    assertThat(d.action()).isEqualTo(new PromotionAction.Failed(1,
        "staging: Degraded: Deployment web exceeded its progress deadline"));
    // a newer candidate from before it may still fix it
    PromotionDecision newer = PromotionDecider.decide(specs, List.of(good(tag("1.2")),
        new Observed(true, true, false, tag("1.1"), "Degraded"), good(tag("1.0"))), remember(d), T0.plusSeconds(1));
    assertThat(newer.action()).isEqualTo(new PromotionAction.Promote(1, tag("1.2")));
  }

  @Test
  void aRequiredApprovalHoldsTheCandidateUntilThatCandidateIsApproved() {
    var specs = stages(Duration.ZERO, Approval.required);
    var obs = List.of(good(tag("1.1")), good(tag("1.1")), good(tag("1.0")));
    PromotionDecision held = PromotionDecider.decide(specs, obs, none(), T0);
    assertThat(held.action()).isEqualTo(new PromotionAction.AwaitApproval(2, tag("1.1")));
    assertThat(held.stages().get(2).phase()).isEqualTo(StagePhase.AwaitingApproval);
    assertThat(held.stages().get(2).message()).isEqualTo("candidate " + WEB + ":1.1 from staging awaits approval");
    // an approval of another candidate does not count
    PromotionDecision stale = PromotionDecider.decide(specs, obs, remember(held, null, null, tag("1.0").key()), T0);
    assertThat(stale.action()).isInstanceOf(PromotionAction.AwaitApproval.class);
    PromotionDecision approved = PromotionDecider.decide(specs, obs, remember(held, null, null, tag("1.1").key()), T0);
    assertThat(approved.action()).isEqualTo(new PromotionAction.Promote(2, tag("1.1")));
  }

  @Test
  void aStagePromotedByHandIsNotPromotedAgainUntilTheStageBeforeHasANewCandidate() {
    var specs = stages(Duration.ZERO, Approval.auto);
    // prod was given 1.0 by hand while staging ran 1.1
    List<StageMemory> byHand = List.of(StageMemory.NONE, StageMemory.NONE,
        new StageMemory(StagePhase.Verified, T0, tag("1.0"), null, null, tag("1.1").key()));
    PromotionDecision same = PromotionDecider.decide(specs,
        List.of(good(tag("1.1")), good(tag("1.1")), good(tag("1.0"))), byHand, T0);
    assertThat(same.action()).isEqualTo(new PromotionAction.Wait("every stage runs what it should"));
    PromotionDecision newer = PromotionDecider.decide(specs,
        List.of(good(tag("1.2")), good(tag("1.2")), good(tag("1.0"))), byHand, T0);
    assertThat(newer.action()).isEqualTo(new PromotionAction.Promote(2, tag("1.2")));
  }

  @Test
  void aMissingApplicationWaitsAndEverythingInPlaceIsIdle() {
    var specs = stages(Duration.ZERO, Approval.auto);
    PromotionDecision missing = PromotionDecider.decide(specs,
        List.of(good(tag("1.1")), Observed.missing(), good(tag("1.0"))), none(), T0);
    assertThat(missing.action()).isEqualTo(new PromotionAction.Wait("staging: Application not found"));
    PromotionDecision idle = PromotionDecider.decide(specs,
        List.of(good(tag("1.1")), good(tag("1.1")), good(tag("1.1"))), none(), T0);
    assertThat(idle.action()).isEqualTo(new PromotionAction.Wait("every stage runs what it should"));
  }

  @Test
  void freightDescribesAndKeysWhatMoves() {
    Freight f = Freight.of("0123456789012345678901234567890123456789", Map.of(WEB, "1.2.0"), Map.of("values.yaml:image.tag", "1.2.0"));
    assertThat(f.describe()).isEqualTo("revision 0123456, " + WEB + ":1.2.0, values.yaml:image.tag=1.2.0");
    assertThat(f.key()).isEqualTo(Freight.of(f.revision(), f.images(), f.values()).key()).isNotEqualTo(tag("1.2.0").key());
  }

  // analysis: staging runs an AnalysisRun of each candidate; prod gets what staging verified

  static final List<StageSpec> ANALYSED = List.of(
      new StageSpec("staging", Approval.auto, Duration.ofMinutes(1), Verification.SOAK_AND_ANALYSIS),
      new StageSpec("prod", Approval.auto, Duration.ZERO));

  static StageAnalysis run(AnalysisPhase phase, String message) {
    return new StageAnalysis("web-staging-1a2b", phase, message);
  }

  static PromotionDecision analysed(Observed staging, StageAnalysis a, List<StageMemory> memory, Instant now) {
    return PromotionDecider.decide(ANALYSED, List.of(staging, good(tag("1.0"))), List.of(a, StageAnalysis.NONE),
        memory, now);
  }

  static List<StageMemory> two() {
    return List.of(StageMemory.NONE, StageMemory.NONE);
  }

  @Test
  void aStageWithAnalysisIsVerifiedOnlyWhenItsRunSucceededAndTheSoakIsOver() {
    // Synced and Healthy with a new candidate: its run is wanted, the stage soaks
    PromotionDecision start = analysed(good(tag("1.1")), StageAnalysis.NONE, two(), T0);
    assertThat(start.analyses()).containsExactly(java.util.Optional.of(tag("1.1")), java.util.Optional.empty());
    assertThat(start.stages().get(0).phase()).isEqualTo(StagePhase.Soaking);
    assertThat(start.stages().get(0).message())
        .isEqualTo("runs " + WEB + ":1.1, Synced and Healthy; analysis starting; soaking until 2026-12-02T08:01:00Z");
    assertThat(start.action()).isInstanceOf(PromotionAction.Wait.class);
    // Successful before the soak is over: still soaking, and looked at again when it ends
    PromotionDecision early = analysed(good(tag("1.1")), run(AnalysisPhase.Successful, null), remember(start),
        T0.plusSeconds(20));
    assertThat(early.stages().get(0).phase()).isEqualTo(StagePhase.Soaking);
    assertThat(early.recheck()).contains(Duration.ofSeconds(40));
    assertThat(early.action()).isInstanceOf(PromotionAction.Wait.class);
    // soaked, the run still measuring: still soaking, saying so
    PromotionDecision running = analysed(good(tag("1.1")), run(AnalysisPhase.Running, null), remember(start),
        T0.plusSeconds(120));
    assertThat(running.stages().get(0).phase()).isEqualTo(StagePhase.Soaking);
    assertThat(running.stages().get(0).message())
        .isEqualTo("runs " + WEB + ":1.1, Synced and Healthy; analysis web-staging-1a2b Running");
    assertThat(running.action()).isEqualTo(new PromotionAction.Wait("staging: " + running.stages().get(0).message()));
    // both: Verified, and prod gets the candidate
    PromotionDecision done = analysed(good(tag("1.1")), run(AnalysisPhase.Successful, null), remember(running),
        T0.plusSeconds(121));
    assertThat(done.stages().get(0).phase()).isEqualTo(StagePhase.Verified);
    assertThat(done.action()).isEqualTo(new PromotionAction.Promote(1, tag("1.1")));
    assertThat(done.analyses().get(0)).contains(tag("1.1"));
  }

  @Test
  void aFailedOrErroredRunFailsTheStageNamingTheMetricAndTheCandidateGoesNoFurther() {
    for (AnalysisPhase phase : List.of(AnalysisPhase.Failed, AnalysisPhase.Error)) {
      PromotionDecision d = analysed(good(tag("1.1")), run(phase, "metric success-rate " + phase + ": values false"),
          two(), T0.plusSeconds(300));
      assertThat(d.stages().get(0).phase()).isEqualTo(StagePhase.Failed);
      assertThat(d.stages().get(0).message())
          .isEqualTo("analysis web-staging-1a2b " + phase + ": metric success-rate " + phase + ": values false");
      assertThat(d.action()).isEqualTo(new PromotionAction.Failed(0, "staging: " + d.stages().get(0).message()));
      // the failed run is kept: it is what says why
      assertThat(d.analyses().get(0)).contains(tag("1.1"));
      // and stays Failed, since when it failed, on the next pass
      PromotionDecision again = analysed(good(tag("1.1")), run(phase, "metric success-rate " + phase + ": values false"),
          remember(d), T0.plusSeconds(400));
      assertThat(again.stages().get(0).phase()).isEqualTo(StagePhase.Failed);
      assertThat(again.stages().get(0).since()).isEqualTo(T0.plusSeconds(300));
    }
  }

  @Test
  void anInconclusiveRunHoldsTheStageAndSaysSo() {
    List<StageMemory> soaked = List.of(new StageMemory(StagePhase.Soaking, T0, tag("1.1"), null, null, null),
        StageMemory.NONE);
    PromotionDecision d = analysed(good(tag("1.1")), run(AnalysisPhase.Inconclusive, "metric latency Inconclusive: values 250"),
        soaked, T0.plusSeconds(300));
    assertThat(d.stages().get(0).phase()).isEqualTo(StagePhase.Soaking);
    assertThat(d.stages().get(0).message()).isEqualTo("runs " + WEB + ":1.1, Synced and Healthy; analysis "
        + "web-staging-1a2b Inconclusive (metric latency Inconclusive: values 250): waiting; delete the AnalysisRun "
        + "to measure again, or promote by hand");
    assertThat(d.action()).isInstanceOf(PromotionAction.Wait.class);
    assertThat(d.recheck()).isEmpty();
  }

  @Test
  void theRunIsWantedForTheCandidateTheStageRunsAndNotWhileANewOneIsPromoted() {
    // not Healthy yet, no run: none is started
    Observed sick = new Observed(true, true, false, tag("1.1"), null);
    assertThat(analysed(sick, StageAnalysis.NONE, two(), T0).analyses().get(0)).isEmpty();
    // a run already measuring this candidate is kept while health flickers
    assertThat(analysed(sick, run(AnalysisPhase.Running, null), two(), T0).analyses().get(0)).contains(tag("1.1"));
    // promoted to 1.2, still running 1.1: the old run is not wanted any more
    List<StageMemory> pushed = List.of(new StageMemory(StagePhase.Promoting, T0, tag("1.1"), tag("1.2"), null, null),
        StageMemory.NONE);
    PromotionDecision promoting = analysed(good(tag("1.1")), run(AnalysisPhase.Successful, null), pushed, T0);
    assertThat(promoting.stages().get(0).phase()).isEqualTo(StagePhase.Promoting);
    assertThat(promoting.analyses().get(0)).isEmpty();
    // it runs 1.2: a run of 1.2 is wanted (the reconciler replaces 1.1's)
    assertThat(analysed(good(tag("1.2")), StageAnalysis.NONE, pushed, T0.plusSeconds(5)).analyses().get(0))
        .contains(tag("1.2"));
    // a stage without analysis never wants one
    assertThat(PromotionDecider.decide(stages(Duration.ZERO, Approval.auto),
        List.of(good(tag("1.1")), good(tag("1.0")), good(tag("1.0"))), none(), T0).analyses())
        .containsOnly(java.util.Optional.empty());
  }
}
