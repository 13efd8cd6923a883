package dev.keelson.controller.images;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** The Ready condition of the image kinds, with Flux's reasons; its transition time kept while its status stays. */
public final class Conditions {
  public static final String READY = "Ready";

  private Conditions() {}

  public static Condition ready(List<Condition> old, boolean ready, String reason, String message, Long generation, Clock clock) {
    String status = ready ? "True" : "False";
    String since = old == null ? null : old.stream()
        .filter(c -> READY.equals(c.getType()) && status.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime).filter(Objects::nonNull).findFirst().orElse(null);
    return new ConditionBuilder().withType(READY).withStatus(status).withReason(reason).withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since != null ? since : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString())
        .build();
  }

  public static boolean same(List<Condition> a, List<Condition> b) {
    if (a == null || b == null || a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++) {
      Condition x = a.get(i);
      Condition y = b.get(i);
      if (!Objects.equals(x.getType(), y.getType()) || !Objects.equals(x.getStatus(), y.getStatus())
          || !Objects.equals(x.getReason(), y.getReason()) || !Objects.equals(x.getMessage(), y.getMessage())
          || !Objects.equals(x.getObservedGeneration(), y.getObservedGeneration())) {
        return false;
      }
    }
    return true;
  }
}
