package dev.keelson.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Kubernetes label selector (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist) over string maps. */
public record ParamSelector(Map<String, String> matchLabels, List<Expression> expressions) {
  record Expression(String key, String operator, List<String> values) {}

  static final ParamSelector ALL = new ParamSelector(Map.of(), List.of());

  /** @throws IllegalArgumentException for an unknown operator */
  public static ParamSelector parse(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) return ALL;
    Map<String, String> labels = new LinkedHashMap<>();
    n.path("matchLabels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<Expression> exprs = new ArrayList<>();
    for (JsonNode e : n.path("matchExpressions")) {
      String op = e.path("operator").asText();
      if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) {
        throw new IllegalArgumentException("selector: operator " + op + " is not one of In, NotIn, Exists, DoesNotExist");
      }
      List<String> values = new ArrayList<>();
      e.path("values").forEach(v -> values.add(v.asText()));
      exprs.add(new Expression(e.path("key").asText(), op, values));
    }
    return new ParamSelector(labels, exprs);
  }

  boolean isEmpty() {
    return matchLabels.isEmpty() && expressions.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) return false;
    }
    for (Expression x : expressions) {
      String v = labels.get(x.key());
      boolean ok = switch (x.operator()) {
        case "In" -> v != null && x.values().contains(v);
        case "NotIn" -> v == null || !x.values().contains(v);
        case "Exists" -> v != null;
        default -> v == null;
      };
      if (!ok) return false;
    }
    return true;
  }
}
