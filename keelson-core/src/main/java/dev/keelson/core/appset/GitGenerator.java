package dev.keelson.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The git generator at one revision: {@code directories} (one parameter set per matching
 * directory) or {@code files} (one per JSON/YAML file, or per item of a file holding a list).
 * Patterns with {@code exclude: true} remove what they match, whatever the order.
 */
final class GitGenerator {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private GitGenerator() {}

  record Pattern(Glob glob, boolean exclude) {}

  static List<Params> params(JsonNode spec, GeneratorInputs inputs, Templater templater) throws GeneratorException {
    String repoURL = spec.path("repoURL").asText("");
    if (repoURL.isBlank()) throw new IllegalArgumentException("repoURL is required");
    boolean dirs = spec.has("directories");
    boolean files = spec.has("files");
    if (dirs == files) throw new IllegalArgumentException("set directories or files, not both or neither");
    List<Pattern> patterns = patterns(spec.path(dirs ? "directories" : "files"));
    RepoSnapshot repo = inputs.repository(repoURL, spec.path("revision").asText(""));
    String prefix = spec.path("pathParamPrefix").asText("");
    List<Params> out = new ArrayList<>();
    if (dirs) {
      for (String dir : directories(repo)) {
        if (selected(dir, patterns)) out.add(withValues(pathParams(dir, null, prefix), spec, templater));
      }
    } else {
      for (String file : new TreeSet<>(repo.files().keySet())) {
        if (!selected(file, patterns)) continue;
        for (Map<String, Object> content : parse(file, repo.files().get(file))) {
          Map<String, Object> v = new LinkedHashMap<>(content);
          v.putAll(pathParams(parent(file), file, prefix));
          out.add(withValues(v, spec, templater));
        }
      }
    }
    return out;
  }

  private static List<Pattern> patterns(JsonNode items) {
    List<Pattern> out = new ArrayList<>();
    for (JsonNode i : items) {
      String path = i.path("path").asText("");
      if (path.isBlank()) throw new IllegalArgumentException("a path pattern is empty");
      out.add(new Pattern(Glob.of(path), i.path("exclude").asBoolean(false)));
    }
    if (out.stream().noneMatch(p -> !p.exclude())) throw new IllegalArgumentException("no path pattern includes anything");
    return out;
  }

  private static boolean selected(String path, List<Pattern> patterns) {
    boolean included = false;
    for (Pattern p : patterns) {
      if (p.glob().matches(path)) {
        if (p.exclude()) return false;
        included = true;
      }
    }
    return included;
  }

  /** Every directory holding a file, at any depth (Git has no empty directories). */
  private static TreeSet<String> directories(RepoSnapshot repo) {
    TreeSet<String> out = new TreeSet<>();
    for (String f : repo.files().keySet()) {
      String d = parent(f);
      while (!d.isEmpty() && out.add(d)) d = parent(d);
    }
    return out;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * Nested {@code path} parameters (GO style: path.path, path.basename, path.segments...); the
   * FAST flattening turns them into Argo CD's path, path.basename and path[N] in
   * {@link #withValues}.
   */
  private static Map<String, Object> pathParams(String dir, String file, String prefix) {
    Map<String, Object> path = new LinkedHashMap<>();
    path.put("path", dir);
    path.put("basename", basename(dir));
    path.put("basenameNormalized", Names.normalized(basename(dir)));
    if (file != null) {
      path.put("filename", basename(file));
      path.put("filenameNormalized", Names.normalized(basename(file)));
    }
    path.put("segments", dir.isEmpty() ? List.of() : Arrays.asList(dir.split("/")));
    Map<String, Object> out = new LinkedHashMap<>();
    if (prefix.isEmpty()) {
      out.put("path", path);
    } else {
      out.put(prefix, Map.of("path", path));
    }
    return out;
  }

  private static Params withValues(Map<String, Object> v, JsonNode spec, Templater templater) {
    Params base = shaped(v, templater.templating());
    Map<String, Object> values = new LinkedHashMap<>();
    spec.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), templater.string(e.getValue().asText(), base)));
    if (values.isEmpty()) return base;
    Map<String, Object> with = new LinkedHashMap<>(v);
    with.put("values", values);
    return shaped(with, templater.templating());
  }

  /** FAST style: Argo CD's names, where {@code path} is the directory itself and segments are path[N]. */
  @SuppressWarnings("unchecked")
  private static Params shaped(Map<String, Object> nested, Templating templating) {
    if (templating.isGo()) return new Params(nested);
    Map<String, String> flat = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : nested.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> m && m.containsKey("segments")) {
        pathFlat(e.getKey(), (Map<String, Object>) m, flat);
      } else if (e.getValue() instanceof Map<?, ?> m && m.size() == 1 && m.get("path") instanceof Map<?, ?> inner
          && inner.containsKey("segments")) {
        pathFlat(e.getKey() + ".path", (Map<String, Object>) inner, flat);
      } else {
        Params.flatten(e.getKey(), e.getValue(), flat);
      }
    }
    return new Params(new LinkedHashMap<>(flat));
  }

  private static void pathFlat(String name, Map<String, Object> path, Map<String, String> flat) {
    flat.put(name, (String) path.get("path"));
    for (String k : List.of("basename", "basenameNormalized", "filename", "filenameNormalized")) {
      if (path.containsKey(k)) flat.put(name + "." + k, (String) path.get(k));
    }
    List<?> segments = (List<?>) path.get("segments");
    for (int i = 0; i < segments.size(); i++) flat.put(name + "[" + i + "]", String.valueOf(segments.get(i)));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parse(String file, byte[] bytes) {
    JsonNode n;
    try {
      n = YAML.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is neither JSON nor YAML: " + e.getMessage());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    if (n == null || n.isNull() || n.isMissingNode()) return out;
    if (n.isArray()) {
      for (JsonNode item : n) {
        if (!item.isObject()) throw new IllegalArgumentException(file + ": a list item is not an object");
        out.add(YAML.convertValue(item, LinkedHashMap.class));
      }
    } else if (n.isObject()) {
      out.add(YAML.convertValue(n, LinkedHashMap.class));
    } else {
      throw new IllegalArgumentException(file + " holds neither an object nor a list of objects");
    }
    return out;
  }
}
