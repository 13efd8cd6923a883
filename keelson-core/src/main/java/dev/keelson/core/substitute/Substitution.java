package dev.keelson.core.substitute;

import dev.keelson.core.manifest.ManifestException;
import dev.keelson.core.manifest.ManifestParser;
import dev.keelson.core.manifest.YamlValues;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Flux's post-build variable substitution ({@code spec.postBuild} of a Kustomization) over
 * rendered manifests: {@code ${var}} and the bash-like forms of Flux's envsubst in every string
 * of every object, keys included.
 *
 * <p>Flux writes each object as YAML, substitutes in the text and reads it again, so that {@code
 * replicas: ${count}} becomes an integer. Here the same happens string by string: a string that
 * YAML writes unquoted (see {@link YamlValues#isPlain}) is read as YAML again after substitution,
 * exactly as it would be read in the object's text, so it may turn into a number, a boolean, null
 * or a flow list; a string YAML would quote or write as a block (multi-line scripts, strings with
 * {@code ": "}) stays a string with the values put in. Doing it per string rather than on the
 * whole text means no quoting or escaping can change what is outside {@code ${...}}: backslashes,
 * lone {@code $} and {@code $var} stay as they are (Flux's issue #437 is about backslashes lost
 * this way), and a value holding a quote or a backslash cannot break out of a quoted string.
 * Strings without {@code ${} are never touched, so {@code "3"} stays a string.
 *
 * <p>An object annotated or labelled {@code kustomize.toolkit.fluxcd.io/substitute: disabled} or
 * {@code keelson.dev/substitute: disabled} is left as it is. As in Flux, line breaks are removed
 * from values, which therefore cannot change the structure of the object they are put in.
 *
 * <p>Instances hold no mutable state and are safe to share between threads.
 */
public final class Substitution {
  /** Flux's opt-out, read on annotations and labels. */
  public static final String FLUX_KEY = "kustomize.toolkit.fluxcd.io/substitute";

  /** Keelson's own name for the same opt-out. */
  public static final String KEELSON_KEY = "keelson.dev/substitute";

  public static final String DISABLED = "disabled";

  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private final TemplateEvaluator evaluator;
  private final ManifestParser parser = new ManifestParser();

  public Substitution(SubstitutionOptions options) {
    Map<String, String> values = new HashMap<>();
    // Flux strips "\n" from every value (and only that character).
    options.variables().forEach((name, value) -> values.put(name, value.replace("\n", "")));
    this.evaluator = new TemplateEvaluator(values, options.strict());
  }

  /**
   * Each manifest substituted, in order; objects without {@code ${} and disabled ones are
   * returned as they are.
   *
   * @throws SubstitutionException for the first object that fails, or when two objects have the
   *     same identity after substitution
   */
  public List<Manifest> apply(List<Manifest> manifests) throws SubstitutionException {
    List<Manifest> out = new ArrayList<>(manifests.size());
    // Objects that were duplicates before substitution were refused when rendering; only an
    // identity that substitution changed can collide here.
    Map<ResourceKey, Manifest> seen = new HashMap<>();
    Map<ResourceKey, Boolean> changed = new HashMap<>();
    for (Manifest m : manifests) {
      Manifest s = apply(m);
      boolean identityChanged = !s.key().equals(m.key());
      Manifest first = seen.putIfAbsent(s.key(), s);
      if (first != null && (identityChanged || changed.get(s.key()))) {
        throw new SubstitutionException(s.origin(), s.key(), null,
            s.origin() + ": after substitution, duplicate object " + s.key() + ": also defined in "
                + first.origin());
      }
      changed.putIfAbsent(s.key(), identityChanged);
      out.add(s);
    }
    return out;
  }

  /** One manifest substituted; the result keeps the origin, its identity is read again. */
  public Manifest apply(Manifest m) throws SubstitutionException {
    if (disabled(m.body()) || !holdsExpansion(m.body())) {
      return m;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) walk(m.body(), "", m);
    try {
      return parser.manifest(m.origin(), body);
    } catch (ManifestException e) {
      throw new SubstitutionException(m.origin(), m.key(), null, e.getMessage() + " (after substitution)");
    }
  }

  /** Plain text substituted, with no YAML reading: for tools and tests of the syntax. */
  public String expand(String text) throws SubstitutionException {
    try {
      return evaluator.evaluate(TemplateParser.parse(text));
    } catch (ExpansionException e) {
      throw new SubstitutionException("", null, e.variable(), e.getMessage());
    }
  }

  /** Whether the object opts out through the annotation or label, Flux's or Keelson's. */
  public static boolean disabled(Map<String, Object> body) {
    if (!(body.get("metadata") instanceof Map<?, ?> metadata)) {
      return false;
    }
    for (String field : new String[] {"annotations", "labels"}) {
      if (metadata.get(field) instanceof Map<?, ?> values
          && (DISABLED.equals(values.get(FLUX_KEY)) || DISABLED.equals(values.get(KEELSON_KEY)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsExpansion(Object node) {
    if (node instanceof String s) {
      return s.contains("${");
    }
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (holdsExpansion(e.getKey()) || holdsExpansion(e.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof List<?> list) {
      for (Object item : list) {
        if (holdsExpansion(item)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A copy of the node with every string substituted; the original is never changed. */
  private Object walk(Object node, String path, Manifest m) throws SubstitutionException {
    if (node instanceof String s) {
      return s.contains("${") ? value(s, path, m) : s;
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        String at = child(path, key);
        // Keys stay strings: a JSON object's keys are strings whatever the text they came from.
        String newKey = key.contains("${") ? text(key, at + " (key)", m) : key;
        Object value = walk(e.getValue(), at, m);
        if (out.containsKey(newKey)) {
          throw fail(m, null, at + ": after substitution the key is the same as another key of "
              + (path.isEmpty() ? "the object" : path));
        }
        out.put(newKey, value);
      }
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(walk(list.get(i), path + "[" + i + "]", m));
      }
      return out;
    }
    return node;
  }

  private Object value(String s, String path, Manifest m) throws SubstitutionException {
    String result = text(s, path, m);
    if (!YamlValues.isPlain(s)) {
      return result;
    }
    try {
      return YamlValues.readPlain(result);
    } catch (ManifestException e) {
      throw fail(m, null, path + ": not valid YAML after substitution (" + e.getMessage() + ")");
    }
  }

  private String text(String s, String path, Manifest m) throws SubstitutionException {
    try {
      return evaluator.evaluate(TemplateParser.parse(s));
    } catch (ExpansionException e) {
      throw fail(m, e.variable(), path + ": " + e.getMessage());
    }
  }

  private static SubstitutionException fail(Manifest m, String variable, String problem) {
    return new SubstitutionException(m.origin(), m.key(), variable,
        m.origin() + " (" + m.key() + "): " + problem);
  }

  private static String child(String path, String key) {
    if (SIMPLE_KEY.matcher(key).matches()) {
      return path.isEmpty() ? key : path + "." + key;
    }
    return path + "[\"" + key + "\"]";
  }
}
