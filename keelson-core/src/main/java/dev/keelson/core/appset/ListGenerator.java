package dev.keelson.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The list generator: each element is a parameter set (flattened for FAST templates). */
final class ListGenerator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ListGenerator() {}

  @SuppressWarnings("unchecked")
  static List<Params> params(JsonNode spec, Templating templating) {
    List<Params> out = new ArrayList<>();
    for (JsonNode element : spec.path("elements")) {
      if (!element.isObject()) throw new IllegalArgumentException("list: an element is not an object: " + element);
      Map<String, Object> values = JSON.convertValue(element, LinkedHashMap.class);
      out.add(templating.isGo() ? new Params(values) : new Params(new LinkedHashMap<>(new Params(values).flat())));
    }
    return out;
  }
}
