package dev.keelson.core.appset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.keelson.core.appset.RollingSync.App;
import dev.keelson.core.appset.RollingSync.Readiness;
import dev.keelson.core.appset.RollingSync.Rollout;
import dev.keelson.core.appset.RollingSync.StepState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RollingSyncTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Readiness READY = new Readiness.Ready();

  private static List<RollingSync.Step> steps(String yaml) throws Exception {
    return java.util.stream.StreamSupport.stream(YAML.readTree(yaml).spliterator(), false)
        .map(RollingSync.Step::parse).toList();
  }

  private static App app(String name, String env, boolean pending, Readiness r) {
    return new App(name, Map.of("env", env), pending, r);
  }

  private static Readiness notReady(String why) {
    return new Readiness.NotReady(why);
  }

  @Test
  void laterStepsWaitUntilEveryAppOfTheStepBeforeIsReady() throws Exception {
    var steps = steps("""
        - matchExpressions: [{key: env, operator: In, values: [dev]}]
        - matchExpressions: [{key: env, operator: In, values: [prod]}]
        """);
    Rollout r = RollingSync.plan(steps, List.of(app("dev", "dev", true, notReady("not created")),
        app("prod", "prod", true, notReady("not created"))), Set.of());
    assertThat(r.release()).containsExactly("dev");
    assertThat(r.steps().get(1).state()).isEqualTo(StepState.Waiting);
    assertThat(r.steps().get(1).holding()).isEqualTo("waiting for step 0");

    // written, but its status is stale or it is not yet synced to the current revision: still waiting
    r = RollingSync.plan(steps, List.of(app("dev", "dev", false, notReady("status is of generation 1, app is at 2")),
        app("prod", "prod", true, READY)), Set.of());
    assertThat(r.release()).isEmpty();
    assertThat(r.steps().get(0).holding()).contains("status is of generation 1");

    r = RollingSync.plan(steps, List.of(app("dev", "dev", false, READY), app("prod", "prod", true, READY)), Set.of());
    assertThat(r.release()).containsExactly("prod");
    assertThat(r.steps().get(0).state()).isEqualTo(StepState.Done);
    assertThat(r.steps().get(1).state()).isEqualTo(StepState.Progressing);
  }

  @Test
  void maxUpdateLimitsAppsOnTheirWay() throws Exception {
    var steps = steps("- {matchExpressions: [{key: env, operator: In, values: [prod]}], maxUpdate: 1}");
    Rollout r = RollingSync.plan(steps, List.of(app("p1", "prod", true, READY), app("p2", "prod", true, READY)), Set.of());
    assertThat(r.release()).containsExactly("p1");
    r = RollingSync.plan(steps, List.of(app("p1", "prod", false, notReady("Progressing")),
        app("p2", "prod", true, READY)), Set.of());
    assertThat(r.release()).isEmpty();
    assertThat(r.steps().get(0).holding()).contains("p2: waiting for room");
    var percent = steps("- {matchExpressions: [{key: env, operator: In, values: [prod]}], maxUpdate: '50%'}");
    r = RollingSync.plan(percent, List.of(app("a", "prod", true, READY), app("b", "prod", true, READY),
        app("c", "prod", true, READY), app("d", "prod", true, READY)), Set.of());
    assertThat(r.release()).hasSize(2);
  }

  @Test
  void maxUpdateZeroWaitsForPromotion() throws Exception {
    var steps = steps("""
        - matchExpressions: [{key: env, operator: In, values: [dev]}]
        - {matchExpressions: [{key: env, operator: In, values: [prod]}], maxUpdate: 0}
        """);
    List<App> apps = List.of(app("dev", "dev", false, READY), app("prod", "prod", true, READY));
    Rollout r = RollingSync.plan(steps, apps, Set.of());
    assertThat(r.release()).isEmpty();
    assertThat(r.gatedStep()).contains(1);
    assertThat(r.steps().get(1).holding()).contains("keelson appset promote");
    r = RollingSync.plan(steps, apps, Set.of(1));
    assertThat(r.release()).containsExactly("prod");
    assertThat(r.gatedStep()).isEmpty();
  }

  @Test
  void appsInNoStepGoLast() throws Exception {
    var steps = steps("- matchExpressions: [{key: env, operator: NotIn, values: [other]}]");
    Rollout r = RollingSync.plan(steps, List.of(app("a", "dev", true, READY), app("x", "other", true, READY)), Set.of());
    assertThat(r.release()).containsExactly("a");
    assertThat(r.steps()).hasSize(2);
    assertThat(r.steps().get(1).apps()).containsExactly("x");
    assertThat(r.complete()).isFalse();
  }
}
