package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User-written CEL health rules, with Flux's healthCheckExprs semantics. */
class ExpressionHealthRuleTest {

  /** cert-manager's Certificate, the example of Flux's RFC: Issuing first, then Ready. */
  private static final ExpressionHealthRule CERTIFICATE =
      new ExpressionHealthRule(
          "cert-manager.io/v1",
          "Certificate",
          "self.status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')",
          "self.status.conditions.exists(c, c.type == 'Issuing' && c.status == 'True')",
          "self.status.conditions.exists(c, c.type == 'Ready' && c.status == 'False')");

  private static final HealthAssessor ASSESSOR =
      new HealthAssessor().withRules(List.of(CERTIFICATE));

  private static Map<String, Object> certificate(String conditions) {
    return Live.object(
        """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: web-tls, namespace: shop, generation: 2}
        spec: {secretName: web-tls, dnsNames: [shop.example.com]}
        status:
          observedGeneration: 2
          conditions:
        %s
        """
            .formatted(conditions.lines().map(l -> "    " + l + "\n").reduce("", String::concat)));
  }

  private static Map<String, Object> widget(String status) {
    return Live.object(
        """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w, generation: 1}
        status: %s
        """
            .formatted(status));
  }

  private static HealthAssessor rule(String current, String inProgress, String failed) {
    return new HealthAssessor()
        .withRules(
            List.of(
                new ExpressionHealthRule("example.com/v1", "Widget", current, inProgress, failed)));
  }

  @Test
  void currentTrueIsHealthy() {
    Health h = ASSESSOR.assess(certificate("- {type: Ready, status: \"True\"}"));
    assertThat(h).isEqualTo(Health.healthy());
  }

  @Test
  void failedTrueIsDegraded() {
    Health h =
        ASSESSOR.assess(
            certificate("- {type: Ready, status: \"False\", reason: DoesNotExist}"));
    assertThat(h).isEqualTo(Health.degraded("matched the failed health expression"));
  }

  @Test
  void inProgressIsCheckedFirst() {
    // Ready is still True from the previous certificate while a new one is issued.
    Health h =
        ASSESSOR.assess(
            certificate(
                """
                - {type: Ready, status: "True"}
                - {type: Issuing, status: "True"}
                """));
    assertThat(h).isEqualTo(Health.progressing("matched the inProgress health expression"));
  }

  @Test
  void failedIsCheckedBeforeCurrent() {
    HealthAssessor both = rule("self.status.ok", null, "self.status.broken");
    assertThat(both.assess(widget("{ok: true, broken: true}")).status())
        .isEqualTo(HealthStatus.Degraded);
    assertThat(both.assess(widget("{ok: true, broken: false}")).status())
        .isEqualTo(HealthStatus.Healthy);
  }

  @Test
  void noExpressionTrueIsProgressing() {
    HealthAssessor assessor = rule("self.status.phase == 'Ready'", null, null);
    assertThat(assessor.assess(widget("{phase: Pending}")))
        .isEqualTo(Health.progressing("no health expression matched"));
  }

  @Test
  void evaluationErrorIsUnknownNamingTheExpression() {
    HealthAssessor assessor =
        rule("self.status.phase == 'Ready'", null, "self.status.failures > 0");
    Health h = assessor.assess(widget("{phase: Ready}"));
    assertThat(h.status()).isEqualTo(HealthStatus.Unknown);
    assertThat(h.message())
        .startsWith("health expression failed: ")
        .contains("'self.status.failures > 0'")
        .contains("failures");
  }

  @Test
  void nonBooleanResultIsUnknown() {
    Health h = rule("self.status.phase", null, null).assess(widget("{phase: Ready}"));
    assertThat(h.status()).isEqualTo(HealthStatus.Unknown);
    assertThat(h.message()).contains("health expression current").contains("not a bool");
  }

  @Test
  void hasGuardsAbsentFields() {
    HealthAssessor assessor =
        rule(
            "has(self.status.readyReplicas) && self.status.readyReplicas == self.status.replicas",
            null,
            null);
    assertThat(assessor.assess(widget("{replicas: 2}")).status())
        .isEqualTo(HealthStatus.Progressing);
    assertThat(assessor.assess(widget("{replicas: 2, readyReplicas: 2}")).status())
        .isEqualTo(HealthStatus.Healthy);
  }

  @Test
  void integersFromYamlCompare() {
    // The parser yields Integer; comparing two fields needs both to reach CEL as int.
    HealthAssessor assessor = rule("self.status.ready >= self.status.wanted", null, null);
    assertThat(assessor.assess(widget("{ready: 3, wanted: 2}")).status())
        .isEqualTo(HealthStatus.Healthy);
  }

  @Test
  void fluxStyleExpressionsOverTopLevelFieldsWork() {
    // As written in Flux's RFC 0009: no `self`, metadata and status named directly. Note that
    // filter(...).all(...) is vacuously true when no condition of that type exists.
    ExpressionHealthRule flux =
        new ExpressionHealthRule(
            "cert-manager.io/v1",
            "Certificate",
            "status.conditions.filter(e, e.type == 'Ready')"
                + ".all(e, e.observedGeneration == metadata.generation && e.status == 'True')",
            "status.conditions.filter(e, e.type == 'Issuing')"
                + ".all(e, e.observedGeneration == metadata.generation && e.status == 'True')",
            "status.conditions.filter(e, e.type == 'Ready')"
                + ".all(e, e.observedGeneration == metadata.generation && e.status == 'False')");
    HealthAssessor assessor = new HealthAssessor().withRules(List.of(flux));
    Health issued =
        assessor.assess(
            certificate(
                """
                - {type: Ready, status: "True", observedGeneration: 2}
                - {type: Issuing, status: "False", observedGeneration: 2}
                """));
    assertThat(issued).isEqualTo(Health.healthy());
    Health noConditionsYet = assessor.assess(certificate("[]"));
    assertThat(noConditionsYet)
        .isEqualTo(Health.progressing("matched the inProgress health expression"));
  }

  @Test
  void statusOfAnOlderGenerationIsProgressingWithoutEvaluating() {
    Map<String, Object> stale =
        Live.object(
            """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w, generation: 3}
            status: {observedGeneration: 2, phase: Ready}
            """);
    // The expression would fail on this object: it is not even evaluated.
    Health h = rule("self.status.nothing == 1", null, null).assess(stale);
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
    assertThat(h.message()).contains("generation 3");
  }

  @Test
  void matchesAnyVersionOfTheGroup() {
    Map<String, Object> v1beta1 =
        Live.object(
            """
            apiVersion: cert-manager.io/v1beta1
            kind: Certificate
            metadata: {name: old}
            status: {conditions: [{type: Ready, status: "True"}]}
            """);
    assertThat(ASSESSOR.assess(v1beta1)).isEqualTo(Health.healthy());
  }

  @Test
  void otherGroupsWithTheSameKindKeepTheirOwnRules() {
    // Same kind, other group: judged by kstatus (Ready=False with a failure reason).
    Map<String, Object> other =
        Live.object(
            """
            apiVersion: other.example.com/v1
            kind: Certificate
            metadata: {name: c}
            status: {conditions: [{type: Ready, status: "False", reason: Failed, message: boom}]}
            """);
    assertThat(ASSESSOR.assess(other).status()).isEqualTo(HealthStatus.Degraded);
    assertThat(ASSESSOR.assess(other).message()).contains("boom");
  }

  @Test
  void ruleTakesPrecedenceOverTheBuiltInCheck() {
    Map<String, Object> deployment =
        Live.object(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, generation: 1}
            spec: {replicas: 2}
            status: {observedGeneration: 1, replicas: 2, updatedReplicas: 0}
            """);
    assertThat(new HealthAssessor().assess(deployment).status())
        .isEqualTo(HealthStatus.Progressing);
    HealthAssessor lenient =
        new HealthAssessor()
            .withRules(List.of(ExpressionHealthRule.of("apps/v1", "Deployment", "true")));
    assertThat(lenient.assess(deployment)).isEqualTo(Health.healthy());
  }

  @Test
  void coreGroupRulesMatchCoreKinds() {
    Map<String, Object> pod =
        Live.object(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            status: {phase: Pending}
            """);
    HealthAssessor assessor =
        new HealthAssessor()
            .withRules(List.of(ExpressionHealthRule.of("v1", "Pod", "status.phase == 'Pending'")));
    assertThat(assessor.assess(pod)).isEqualTo(Health.healthy());
  }

  @Test
  void absentAndDeletedObjectsAreJudgedBeforeRules() {
    HealthAssessor assessor = rule("true", null, null);
    assertThat(assessor.assess(null)).isEqualTo(Health.missing());
    Map<String, Object> deleting =
        Live.object(
            """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w, deletionTimestamp: "2024-05-01T10:00:00Z"}
            """);
    assertThat(assessor.assess(deleting)).isEqualTo(Health.progressing("Pending deletion"));
  }

  @Test
  void withRulesLeavesTheOriginalAssessorUnchanged() {
    HealthAssessor builtIn = new HealthAssessor();
    HealthAssessor custom =
        builtIn.withRules(List.of(ExpressionHealthRule.of("example.com/v1", "Widget", "false")));
    Map<String, Object> plain = widget("{phase: whatever}");
    assertThat(builtIn.assess(plain)).isEqualTo(Health.healthy());
    assertThat(custom.assess(plain).status()).isEqualTo(HealthStatus.Progressing);
    assertThat(custom.withRules(List.of()).assess(plain)).isEqualTo(Health.healthy());
  }

  @Test
  void invalidExpressionFailsAtCompileTimeNamingKindAndField() {
    assertThatThrownBy(() -> rule("self.status.phase ==", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("healthChecks[example.com/Widget].current: ")
        .hasMessageContaining("'self.status.phase =='");
    assertThatThrownBy(() -> rule("true", "self.status.(", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("healthChecks[example.com/Widget].inProgress: ");
    assertThatThrownBy(() -> rule("true", null, "unknownVar == 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("healthChecks[example.com/Widget].failed: ")
        .hasMessageContaining("undeclared reference to 'unknownVar'");
  }

  @Test
  void expressionThatCannotBeBooleanFailsAtCompileTime() {
    assertThatThrownBy(() -> rule("self.status.replicas + 1", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("healthChecks[example.com/Widget].current: ")
        .hasMessageContaining("bool");
  }

  @Test
  void currentIsRequired() {
    assertThatThrownBy(() -> rule(" ", "true", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("healthChecks[example.com/Widget].current: expression is required");
    assertThatThrownBy(() -> ExpressionHealthRule.of("v1", "Pod", null).validate())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("healthChecks[Pod].current: expression is required");
  }

  @Test
  void blankOptionalExpressionsAreAbsent() {
    ExpressionHealthRule rule =
        new ExpressionHealthRule("example.com/v1", "Widget", "true", "", " ");
    assertThat(rule.inProgress()).isNull();
    assertThat(rule.failed()).isNull();
    rule.validate();
  }

  @Test
  void twoRulesForOneGroupAndKindAreRejected() {
    List<ExpressionHealthRule> rules =
        List.of(
            ExpressionHealthRule.of("example.com/v1", "Widget", "true"),
            ExpressionHealthRule.of("example.com/v1beta1", "Widget", "false"));
    assertThatThrownBy(() -> new HealthAssessor().withRules(rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("healthChecks[example.com/Widget]")
        .hasMessageContaining("more than one");
  }
}
