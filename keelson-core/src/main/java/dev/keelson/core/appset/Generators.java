package dev.keelson.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one generator (as JSON, Argo CD's shape) into parameter sets. Matrix and merge
 * children are JSON too: a matrix's second child is rendered with each parameter set of the
 * first before it is evaluated, so it can name them ({@code path: '{{path}}/envs'}).
 */
public final class Generators {
  private static final List<String> KINDS = List.of("list", "clusters", "git", "matrix", "merge");

  private final GeneratorInputs inputs;
  private final Templater templater;

  public Generators(GeneratorInputs inputs, Templater templater) {
    this.inputs = inputs;
    this.templater = templater;
  }

  /** The generator's kind (list, clusters, git, matrix or merge). @throws IllegalArgumentException */
  public static String kind(JsonNode generator) {
    List<String> present = new ArrayList<>();
    for (String k : KINDS) {
      if (generator.hasNonNull(k)) present.add(k);
    }
    if (present.size() != 1) {
      throw new IllegalArgumentException("a generator needs exactly one of " + KINDS + ", found " + present);
    }
    return present.get(0);
  }

  /** @throws GeneratorException when its inputs cannot be read or its spec is invalid */
  public List<Params> evaluate(JsonNode generator) throws GeneratorException {
    return evaluate(generator, new HashMap<>());
  }

  private List<Params> evaluate(JsonNode generator, Map<String, List<Params>> memo) throws GeneratorException {
    String kind;
    ParamSelector selector;
    try {
      kind = kind(generator);
      selector = ParamSelector.parse(generator.get("selector"));
    } catch (IllegalArgumentException e) {
      throw new GeneratorException(e.getMessage());
    }
    JsonNode spec = generator.get(kind);
    List<Params> out;
    try {
      out = switch (kind) {
        case "list" -> ListGenerator.params(spec, templater.templating());
        case "clusters" -> ClusterGenerator.params(spec, inputs.clusters(), templater);
        case "git" -> GitGenerator.params(spec, inputs, templater);
        case "matrix" -> matrix(spec, memo);
        default -> merge(spec, memo);
      };
    } catch (TemplateException | IllegalArgumentException e) {
      throw new GeneratorException(kind + ": " + e.getMessage());
    }
    if (selector.isEmpty()) return out;
    List<Params> selected = new ArrayList<>();
    for (Params p : out) {
      if (selector.matches(p.flat())) selected.add(p);
    }
    return selected;
  }

  private List<Params> matrix(JsonNode spec, Map<String, List<Params>> memo) throws GeneratorException {
    JsonNode children = spec.path("generators");
    if (children.size() != 2) throw new GeneratorException("matrix: needs exactly two generators, has " + children.size());
    List<Params> out = new ArrayList<>();
    for (Params a : evaluate(children.get(0), memo)) {
      JsonNode second = templater.render(children.get(1), a);
      String key = second.toString();
      List<Params> bs = memo.get(key);
      if (bs == null) {
        bs = evaluate(second, memo);
        memo.put(key, bs);
      }
      for (Params b : bs) out.add(combine(a, b));
    }
    return out;
  }

  /** A matrix's two parameter sets together; a key both give with different values is an error, as in Argo CD. */
  private static Params combine(Params a, Params b) throws GeneratorException {
    Map<String, Object> out = new LinkedHashMap<>(a.values());
    for (Map.Entry<String, Object> e : b.values().entrySet()) {
      Object mine = out.get(e.getKey());
      if (mine == null) {
        out.put(e.getKey(), e.getValue());
      } else if (mine instanceof Map<?, ?> x && e.getValue() instanceof Map<?, ?> y) {
        out.put(e.getKey(), deepMerge(x, y));
      } else if (!mine.equals(e.getValue())) {
        throw new GeneratorException("matrix: both generators give parameter " + e.getKey() + ", with different values");
      }
    }
    return new Params(out);
  }

  private static Map<String, Object> deepMerge(Map<?, ?> base, Map<?, ?> over) {
    Map<String, Object> out = new LinkedHashMap<>();
    base.forEach((k, v) -> out.put(String.valueOf(k), v));
    over.forEach((k, v) -> {
      Object mine = out.get(String.valueOf(k));
      out.put(String.valueOf(k), mine instanceof Map<?, ?> x && v instanceof Map<?, ?> y ? deepMerge(x, y) : v);
    });
    return out;
  }

  /**
   * Argo CD's merge: the first generator's sets are the base; a set of a later generator whose
   * mergeKeys values equal a base set's overrides that set's parameters; unmatched later sets are
   * dropped.
   */
  private List<Params> merge(JsonNode spec, Map<String, List<Params>> memo) throws GeneratorException {
    List<String> keys = new ArrayList<>();
    spec.path("mergeKeys").forEach(k -> keys.add(k.asText()));
    if (keys.isEmpty()) throw new GeneratorException("merge: mergeKeys is required");
    JsonNode children = spec.path("generators");
    if (children.size() < 2) throw new GeneratorException("merge: needs at least two generators");
    List<Params> base = new ArrayList<>(evaluate(children.get(0), memo));
    for (int i = 1; i < children.size(); i++) {
      Map<List<String>, Params> byKey = new LinkedHashMap<>();
      for (Params p : evaluate(children.get(i), memo)) {
        List<String> k = keyOf(p, keys);
        if (k != null && byKey.put(k, p) != null) {
          throw new GeneratorException("merge: generator " + i + " gives two parameter sets with mergeKeys " + k);
        }
      }
      for (int b = 0; b < base.size(); b++) {
        List<String> k = keyOf(base.get(b), keys);
        Params over = k == null ? null : byKey.get(k);
        if (over != null) base.set(b, new Params(deepMerge(base.get(b).values(), over.values())));
      }
    }
    return base;
  }

  private static List<String> keyOf(Params p, List<String> keys) {
    Map<String, String> flat = p.flat();
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      String v = flat.get(k);
      if (v == null) return null;
      out.add(v);
    }
    return out;
  }
}
