package dev.keelson.core.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A user's expression cannot loop: CEL has no unbounded loops, and comprehensions share a budget. */
@Timeout(30)
class CelLimitsTest {

  @Test
  void nestedComprehensionsStopAtTheIterationBudget() {
    List<Integer> hundred = Collections.nCopies(100, 1);
    CelExpression nested = CelExpression.compileBoolean(
        "self.all(a, self.all(b, self.all(c, a + b + c > 0)))", Set.of("self"));

    assertThatThrownBy(() -> nested.evaluateBoolean(Map.of("self", hundred)))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("self.all(a, self.all(b");
  }

  @Test
  void theBudgetLeavesRoomForRealObjects() throws Exception {
    List<Integer> thousand = Collections.nCopies(1_000, 1);
    CelExpression ok = CelExpression.compileBoolean("self.all(a, self.exists(b, a == b))", Set.of("self"));
    // 1,000 outer iterations, each finding a match at once: far below 100,000.
    assertThat(ok.evaluateBoolean(Map.of("self", thousand))).isTrue();
  }
}
