package dev.keelson.core.appset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.appset.SetPlan.Confirmation;
import dev.keelson.core.appset.SetPlan.Desired;
import dev.keelson.core.appset.SetPlan.Failed;
import dev.keelson.core.appset.SetPlan.Generated;
import dev.keelson.core.appset.SetPlan.Hold;
import dev.keelson.core.appset.SetPlan.Input;
import dev.keelson.core.appset.SetPlan.Live;
import dev.keelson.core.appset.SetPlan.Output;
import dev.keelson.core.appset.SetPlan.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SetPlannerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration INTERVAL = Duration.ofMinutes(3);

  private static JsonNode app(String name, String path) {
    return JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("metadata",
            JSON.createObjectNode().put("name", name))
        .set("spec", JSON.createObjectNode().set("source", JSON.createObjectNode().put("repoURL", "r").put("path", path)));
  }

  private static Desired desired(String name, int gen) {
    return new Desired(name, gen, app(name, name));
  }

  private static Live live(String name, int gen) {
    return new Live(name, gen, app(name, name));
  }

  private static SetPolicy policy(ApplicationsSync sync) {
    return new SetPolicy(sync, 50, List.of(), INTERVAL);
  }

  private static Output plan(List<Live> live, List<Result> results) {
    return plan(live, results, policy(ApplicationsSync.SYNC), Optional.empty(), Optional.empty(), T0);
  }

  private static Output plan(List<Live> live, List<Result> results, SetPolicy p, Optional<Hold> hold,
      Optional<Confirmation> confirm, Instant now) {
    return SetPlanner.plan(new Input(live, results, p, hold, confirm, now));
  }

  private static List<String> names(List<Desired> ds) {
    return ds.stream().map(Desired::name).toList();
  }

  @Test
  void createsWhatIsNewAndDeletesWhatIsGoneWithinTheLimit() {
    Output out = plan(List.of(live("a", 0), live("b", 0), live("c", 0)),
        List.of(new Generated(0, List.of(desired("a", 0), desired("b", 0), desired("d", 0)))));
    assertThat(names(out.creates())).containsExactly("d");
    assertThat(out.updates()).isEmpty();
    assertThat(out.deletes()).containsExactly("c");
    assertThat(out.hold()).isEmpty();
  }

  @Test
  void aFailedGeneratorKeepsItsAppsAndDoesNotBlockTheOthers() {
    Output out = plan(List.of(live("a", 0), live("b", 0), live("x", 1), live("y", 1)),
        List.of(new Failed(0, "git: cannot fetch"), new Generated(1, List.of(desired("x", 1), desired("z", 1)))));
    assertThat(out.deletes()).containsExactly("y");
    assertThat(names(out.creates())).containsExactly("z");
    assertThat(out.notes()).anyMatch(n -> n.contains("generator 0 failed") && n.contains("cannot fetch"));
  }

  @Test
  void aGeneratorSuddenlyEmptyDeletesNothing() {
    List<Live> live = List.of(live("a", 0), live("x", 1), live("y", 1), live("z", 1));
    Output out = plan(live, List.of(new Generated(0, List.of()), new Generated(1,
        List.of(desired("x", 1), desired("y", 1), desired("z", 1)))));
    assertThat(out.deletes()).isEmpty();
    assertThat(out.hold()).hasValueSatisfying(h -> {
      assertThat(h.applications()).containsExactly("a");
      assertThat(h.reason()).contains("generator 0 returned no parameters");
      assertThat(h.since()).isEqualTo(T0);
    });
  }

  @Test
  void moreThanMaxDeletePercentIsHeldUntilConfirmed() {
    List<Live> live = List.of(live("a", 0), live("b", 0), live("c", 0));
    List<Result> results = List.of(new Generated(0, List.of(desired("a", 0))));
    Output held = plan(live, results);
    assertThat(held.deletes()).isEmpty();
    Hold hold = held.hold().orElseThrow();
    assertThat(hold.applications()).containsExactly("b", "c");
    assertThat(hold.reason()).contains("2 of 3").contains("maxDeletePercent 50%");

    // a pass soon after, without confirmation, keeps holding (same hold, same since)
    Output again = plan(live, results, policy(ApplicationsSync.SYNC), Optional.of(hold), Optional.empty(),
        T0.plusSeconds(5));
    assertThat(again.deletes()).isEmpty();
    assertThat(again.hold()).contains(hold);

    Output confirmed = plan(live, results, policy(ApplicationsSync.SYNC), Optional.of(hold),
        Optional.of(new Confirmation("tok", hold.id())), T0.plusSeconds(6));
    assertThat(confirmed.deletes()).containsExactly("b", "c");
    assertThat(confirmed.hold()).isEmpty();
    assertThat(confirmed.handledConfirmation()).contains("tok");
  }

  @Test
  void aConfirmationOfOtherDeletionsReleasesNothing() {
    List<Live> live = List.of(live("a", 0), live("b", 0), live("c", 0));
    Output held = plan(live, List.of(new Generated(0, List.of(desired("a", 0)))));
    Hold hold = held.hold().orElseThrow();
    // the generator changed again: now everything would go, a different plan from the confirmed one
    Output out = plan(live, List.of(new Generated(0, List.of())), policy(ApplicationsSync.SYNC), Optional.of(hold),
        Optional.of(new Confirmation("tok", hold.id())), T0.plusSeconds(6));
    assertThat(out.deletes()).isEmpty();
    assertThat(out.hold().orElseThrow().applications()).containsExactly("a", "b", "c");
    assertThat(out.handledConfirmation()).contains("tok");
    assertThat(out.notes()).anyMatch(n -> n.contains("was for other deletions"));
  }

  @Test
  void aLaterPassThatAgreesDeletes() {
    List<Live> live = List.of(live("a", 0), live("b", 0), live("c", 0));
    List<Result> results = List.of(new Generated(0, List.of(desired("a", 0))));
    Hold hold = plan(live, results).hold().orElseThrow();
    Output tooSoon = plan(live, results, policy(ApplicationsSync.SYNC), Optional.of(hold), Optional.empty(),
        T0.plus(INTERVAL).minusSeconds(1));
    assertThat(tooSoon.deletes()).isEmpty();
    Output agreed = plan(live, results, policy(ApplicationsSync.SYNC), Optional.of(hold), Optional.empty(),
        T0.plus(INTERVAL));
    assertThat(agreed.deletes()).containsExactly("b", "c");
    assertThat(agreed.hold()).isEmpty();
  }

  @Test
  void aRecoveredGeneratorDropsTheHold() {
    List<Live> live = List.of(live("a", 0), live("b", 0));
    Hold hold = plan(live, List.of(new Generated(0, List.of()))).hold().orElseThrow();
    Output out = plan(live, List.of(new Generated(0, List.of(desired("a", 0), desired("b", 0)))),
        policy(ApplicationsSync.SYNC), Optional.of(hold), Optional.empty(), T0.plus(INTERVAL));
    assertThat(out.deletes()).isEmpty();
    assertThat(out.hold()).isEmpty();
  }

  @Test
  void eachApplicationsSyncPolicy() {
    List<Live> live = List.of(live("a", 0), live("b", 0), live("c", 0), live("d", 0));
    Desired changed = new Desired("a", 0, app("a", "elsewhere"));
    List<Result> results = List.of(new Generated(0, List.of(changed, desired("b", 0), desired("c", 0), desired("e", 0))));
    for (ApplicationsSync p : ApplicationsSync.values()) {
      Output out = plan(live, results, policy(p), Optional.empty(), Optional.empty(), T0);
      assertThat(names(out.creates())).as(p.value()).containsExactly("e");
      assertThat(names(out.updates())).as(p.value()).isEqualTo(p.mayUpdate() ? List.of("a") : List.of());
      assertThat(out.deletes()).as(p.value()).isEqualTo(p.mayDelete() ? List.of("d") : List.of());
    }
    assertThat(ApplicationsSync.parse(null)).isEqualTo(ApplicationsSync.SYNC);
    assertThat(ApplicationsSync.parse("create-only")).isEqualTo(ApplicationsSync.CREATE_ONLY);
  }

  @Test
  void ignoredDifferencesKeepTheLiveValue() {
    Live l = new Live("a", 0, app("a", "changed-by-hand"));
    Desired d = new Desired("a", 0, app("a", "a"));
    SetPolicy ignore = new SetPolicy(ApplicationsSync.SYNC, 50,
        List.of(new SetPolicy.IgnoreRule(null, List.of("/spec/source/path"))), INTERVAL);
    assertThat(plan(List.of(l), List.of(new Generated(0, List.of(d))), ignore, Optional.empty(), Optional.empty(), T0)
        .updates()).isEmpty();
    SetPolicy otherApp = new SetPolicy(ApplicationsSync.SYNC, 50,
        List.of(new SetPolicy.IgnoreRule("b", List.of("/spec/source/path"))), INTERVAL);
    assertThat(names(plan(List.of(l), List.of(new Generated(0, List.of(d))), otherApp, Optional.empty(),
        Optional.empty(), T0).updates())).containsExactly("a");
  }

  @Test
  void appsOfARemovedGeneratorAreDeletedUnderTheSameGuard() {
    List<Live> live = new ArrayList<>();
    for (int i = 0; i < 4; i++) live.add(live("a" + i, 0));
    live.add(live("gone", 1));
    Output out = plan(live, List.of(new Generated(0, List.of(desired("a0", 0), desired("a1", 0), desired("a2", 0),
        desired("a3", 0)))));
    assertThat(out.deletes()).containsExactly("gone");
  }
}
