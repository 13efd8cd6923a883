package dev.keelson.core.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CelExpressionTest {

  private static final Set<String> SELF = Set.of("self");

  /** A Deployment-like object as the Kubernetes client hands it over: Integers, not Longs. */
  private static Map<String, Object> deployment() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("replicas", 3);
    status.put("readyReplicas", 3);
    status.put("updatedReplicas", 2);
    status.put("observedGeneration", 7);
    status.put(
        "conditions",
        List.of(
            Map.of("type", "Available", "status", "True"),
            Map.of("type", "Progressing", "status", "True", "reason", "NewReplicaSetAvailable")));
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "apps/v1");
    object.put("kind", "Deployment");
    object.put("metadata", Map.of("name", "web", "generation", 7));
    object.put("spec", Map.of("replicas", 3));
    object.put("status", status);
    return object;
  }

  private static boolean eval(String source, Map<String, Object> self)
      throws CelEvaluationException {
    return CelExpression.compile(source, SELF).evaluateBoolean(Map.of("self", self));
  }

  @Test
  void evaluatesFieldComparisons() throws Exception {
    assertThat(eval("self.status.readyReplicas == self.spec.replicas", deployment())).isTrue();
    assertThat(eval("self.status.updatedReplicas == self.spec.replicas", deployment())).isFalse();
  }

  @Test
  void integersFromJsonCompareWithEachOtherAndWithLiterals() throws Exception {
    // cel-java matches no overload for Integer: every number must reach it as Long.
    assertThat(eval("self.status.replicas >= self.status.updatedReplicas", deployment())).isTrue();
    assertThat(eval("self.status.replicas > 2", deployment())).isTrue();
    assertThat(eval("self.status.observedGeneration == self.metadata.generation", deployment()))
        .isTrue();
  }

  @Test
  void integersInsideListsAreConvertedToo() throws Exception {
    Map<String, Object> self = Map.of("ports", List.of(80, 443, List.of(8080)));
    assertThat(eval("self.ports[1] == 443 && self.ports[2][0] > 8000", self)).isTrue();
    assertThat(eval("self.ports.exists(p, p == 80)", self)).isTrue();
  }

  @Test
  void intsAndDoublesCompareAsNumbers() throws Exception {
    Map<String, Object> self = Map.of("ratio", 0.5, "count", 1, "whole", 2.0);
    assertThat(eval("self.ratio < self.count", self)).isTrue();
    assertThat(eval("self.whole == 2", self)).isTrue();
    assertThat(eval("self.count == 1.0", self)).isTrue();
  }

  @Test
  void otherNumberTypesAreAccepted() throws Exception {
    Map<String, Object> self = new HashMap<>();
    self.put("small", (short) 2);
    self.put("float", 1.5f);
    self.put("big", BigInteger.valueOf(40));
    self.put("huge", new BigInteger("100000000000000000000"));
    assertThat(eval("self.small + self.big == 42", self)).isTrue();
    assertThat(eval("self.float == 1.5", self)).isTrue();
    assertThat(eval("self.huge > 9223372036854775807", self)).isTrue();
  }

  @Test
  void hasIsFalseForAbsentFieldsAndTrueForPresentOnes() throws Exception {
    assertThat(eval("has(self.status.readyReplicas)", deployment())).isTrue();
    assertThat(eval("has(self.status.unavailableReplicas)", deployment())).isFalse();
    assertThat(eval("!has(self.status.x) || self.status.x == 0", deployment())).isTrue();
  }

  @Test
  void nullValuesAreCelNull() throws Exception {
    Map<String, Object> self = new HashMap<>();
    self.put("status", null);
    assertThat(eval("self.status == null", self)).isTrue();
    assertThat(eval("has(self.status)", self)).isTrue();
    List<Object> items = new ArrayList<>();
    items.add(null);
    assertThat(eval("self.items[0] == null", Map.of("items", items))).isTrue();
  }

  @Test
  void standardMacrosAreAvailable() throws Exception {
    String ready =
        "self.status.conditions.filter(c, c.type == 'Available').all(c, c.status == 'True')";
    assertThat(eval(ready, deployment())).isTrue();
    assertThat(eval("self.status.conditions.exists_one(c, c.status == 'True')", deployment()))
        .isFalse();
    String types = "self.status.conditions.map(c, c.type) == ['Available', 'Progressing']";
    assertThat(eval(types, deployment())).isTrue();
  }

  @Test
  void fluxExtensionsAreAvailable() throws Exception {
    Map<String, Object> self = Map.of("phase", "Running", "tags", List.of("a", "b"));
    assertThat(eval("self.phase.lowerAscii() == 'running'", self)).isTrue();
    assertThat(eval("self.phase.startsWith('Run') && self.phase.matches('^R.*g$')", self))
        .isTrue();
    assertThat(eval("sets.contains(self.tags, ['b'])", self)).isTrue();
    assertThat(eval("base64.encode(b'ok') == 'b2s='", self)).isTrue();
    assertThat(eval("self.?missing.?deeper.orValue('none') == 'none'", self)).isTrue();
  }

  @Test
  void missingFieldIsAnEvaluationErrorNamingTheExpression() {
    CelExpression e = CelExpression.compile("self.status.unavailableReplicas == 0", SELF);
    assertThatThrownBy(() -> e.evaluateBoolean(Map.of("self", deployment())))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("'self.status.unavailableReplicas == 0'")
        .hasMessageContaining("unavailableReplicas")
        .satisfies(
            t ->
                assertThat(((CelEvaluationException) t).expression())
                    .isEqualTo("self.status.unavailableReplicas == 0"));
  }

  @Test
  void nonBooleanResultIsAnEvaluationError() {
    // The type of a field is only known at evaluation, so this compiles.
    CelExpression e = CelExpression.compile("self.status.replicas", SELF);
    assertThatThrownBy(() -> e.evaluateBoolean(Map.of("self", deployment())))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("evaluated to int 3, not a bool");
    CelExpression s = CelExpression.compile("self.kind", SELF);
    assertThatThrownBy(() -> s.evaluateBoolean(Map.of("self", deployment())))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("string \"Deployment\"");
  }

  @Test
  void typeMismatchAtRuntimeIsAnEvaluationError() {
    CelExpression e = CelExpression.compile("self.kind > 3", SELF);
    assertThatThrownBy(() -> e.evaluateBoolean(Map.of("self", deployment())))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("self.kind > 3");
  }

  @Test
  void runawayIterationIsStopped() {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      items.add(i);
    }
    CelExpression e =
        CelExpression.compile("self.items.exists(a, self.items.exists(b, a + b < 0))", SELF);
    assertThatThrownBy(() -> e.evaluateBoolean(Map.of("self", Map.of("items", items))))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("budget");
  }

  @Test
  void unboundVariableIsNull() throws Exception {
    CelExpression e = CelExpression.compile("dep == null && self.ok", Set.of("dep", "self"));
    assertThat(e.evaluateBoolean(Map.of("self", Map.of("ok", true)))).isTrue();
  }

  @Test
  void extraBindingsAreIgnored() throws Exception {
    CelExpression e = CelExpression.compile("self.ok", SELF);
    assertThat(e.evaluateBoolean(Map.of("self", Map.of("ok", true), "other", 1))).isTrue();
  }

  @Test
  void evaluationLeavesTheInputUntouched() throws Exception {
    Map<String, Object> object = deployment();
    String before = object.toString();
    eval("self.status.replicas == 3", object);
    assertThat(object.toString()).isEqualTo(before);
    assertThat(((Map<?, ?>) object.get("status")).get("replicas")).isInstanceOf(Integer.class);
  }

  @Test
  void syntaxErrorNamesTheExpressionAndTheProblem() {
    assertThatThrownBy(() -> CelExpression.compile("self.status.", SELF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid CEL expression 'self.status.': ")
        .hasMessageContaining("<input>:1:");
  }

  @Test
  void undeclaredVariableIsACompileError() {
    assertThatThrownBy(() -> CelExpression.compile("status.phase == 'Running'", SELF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("undeclared reference to 'status'");
  }

  @Test
  void typeErrorKnownAtCompileTimeIsACompileError() {
    assertThatThrownBy(() -> CelExpression.compile("'a' + 1 == 'a1'", SELF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no matching overload");
  }

  @Test
  void blankExpressionAndBadVariableNamesAreRejected() {
    assertThatThrownBy(() -> CelExpression.compile("  ", SELF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> CelExpression.compile("true", Set.of("a-b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a-b'");
  }

  @Test
  void compileBooleanRejectsExpressionsThatCannotBeBooleans() {
    assertThatThrownBy(() -> CelExpression.compileBoolean("self.status.replicas + 1", SELF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has type int, but a bool is needed");
    assertThatThrownBy(() -> CelExpression.compileBoolean("'Healthy'", SELF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has type string");
  }

  @Test
  void compileBooleanAcceptsBooleanAndDynamicExpressions() {
    assertThat(CelExpression.compileBoolean("self.a == 1", SELF).source()).isEqualTo("self.a == 1");
    assertThat(CelExpression.compileBoolean("self.status.ready", SELF).variables())
        .containsExactly("self");
  }

  @Test
  void sameSourceAndVariablesGiveTheCachedProgram() {
    CelExpression first = CelExpression.compile("self.x == 'cached'", Set.of("self", "other"));
    CelExpression second = CelExpression.compile("self.x == 'cached'", Set.of("other", "self"));
    CelExpression otherVariables = CelExpression.compile("self.x == 'cached'", SELF);
    assertThat(second).isSameAs(first);
    assertThat(otherVariables).isNotSameAs(first);
    assertThat(first.variables()).containsExactly("other", "self");
  }

  @Test
  void evaluatesConcurrently() throws Exception {
    CelExpression e =
        CelExpression.compile(
            "self.status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')"
                + " && self.metadata.name.endsWith(string(self.status.n))",
            SELF);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int n = i;
        tasks.add(
            () -> {
              String status = n % 2 == 0 ? "True" : "False";
              Map<String, Object> self =
                  Map.of(
                      "metadata", Map.of("name", "app-" + n),
                      "status",
                          Map.of(
                              "n", n,
                              "conditions", List.of(Map.of("type", "Ready", "status", status))));
              return e.evaluateBoolean(Map.of("self", self)) == (n % 2 == 0);
            });
      }
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void compilesConcurrentlyToOneProgram() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<CelExpression>> tasks = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        tasks.add(() -> CelExpression.compile("self.concurrent == 1", SELF));
      }
      List<Future<CelExpression>> results = pool.invokeAll(tasks);
      CelExpression first = results.get(0).get();
      for (Future<CelExpression> f : results) {
        assertThat(f.get()).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
