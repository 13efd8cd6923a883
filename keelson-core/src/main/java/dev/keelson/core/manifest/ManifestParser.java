package dev.keelson.core.manifest;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.GeneratedName;
import dev.keelson.core.sync.SyncAnnotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the text of one source file into manifests.
 *
 * <p>YAML files may hold several documents separated by {@code ---}; files whose name ends in
 * {@code .json} are read as JSON (one object or a stream of objects). Empty and comment-only
 * documents are skipped. {@code kind: List} (and {@code FooList} with {@code items}) is expanded
 * into its items, as kubectl does.
 *
 * <p>Every object must have {@code apiVersion}, {@code kind} and {@code metadata.name}: an object
 * without a stable name cannot be tracked, diffed or pruned, so {@code generateName} is refused,
 * except on hooks, which are created afresh for each run anyway ({@link GeneratedName}).
 * Errors are reported as {@link ManifestException} with messages such as {@code deploy/web.yaml:
 * document 2: mapping values are not allowed here (line 7, column 12)}.
 *
 * <p>Instances hold no state and are safe to share between threads.
 */
public final class ManifestParser {

  public ManifestParser() {}

  /**
   * @param origin the file the text came from, relative to the repository path (e.g. {@code
   *     deploy/web.yaml}); it prefixes every error message and every manifest's origin ({@code
   *     deploy/web.yaml#2})
   * @param text the file content
   * @return the objects in document order (list items in item order)
   */
  public List<Manifest> parse(String origin, String text) throws ManifestException {
    String source = origin == null ? "" : origin;
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    if (text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    List<Manifest> out = new ArrayList<>();
    DocumentSink sink = (index, value) -> collect(source, index, "", value, out);
    if (source.endsWith(".json")) {
      JsonDocuments.read(source, text, sink);
    } else {
      YamlDocuments.read(source, text, sink);
    }
    return out;
  }

  private static void collect(
      String origin, int index, String itemPath, Object value, List<Manifest> out)
      throws ManifestException {
    if (!(value instanceof Map<?, ?>)) {
      throw invalid(
          origin, index, itemPath, null,
          "expected an object with apiVersion and kind, found " + describeType(value));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) value;
    Object kind = object.get("kind");
    if (isList(kind, object)) {
      Object items = object.get("items");
      if (items == null) {
        return;
      }
      if (!(items instanceof List<?> list)) {
        throw invalid(origin, index, itemPath, object, "items must be a list");
      }
      for (int i = 0; i < list.size(); i++) {
        String path = itemPath.isEmpty() ? "item " + (i + 1) : itemPath + ", item " + (i + 1);
        collect(origin, index, path, list.get(i), out);
      }
      return;
    }
    out.add(toManifest(origin, index, itemPath, object));
  }

  /**
   * {@code kind: List} is always a list. Other kinds ending in "List" ({@code ConfigMapList}) only
   * when they carry {@code items}: a custom resource may legitimately be called {@code AllowList}.
   */
  private static boolean isList(Object kind, Map<String, Object> object) {
    if (!(kind instanceof String k)) {
      return false;
    }
    return k.equals("List") || (k.endsWith("List") && object.get("items") instanceof List<?>);
  }

  /** Builds the exception for a problem with one object; the two callers word the place differently. */
  @FunctionalInterface
  private interface Problem {
    ManifestException at(Map<String, Object> object, String problem);
  }

  private static Manifest toManifest(
      String origin, int index, String itemPath, Map<String, Object> object)
      throws ManifestException {
    return identify(origin + "#" + index, object, (o, p) -> invalid(origin, index, itemPath, o, p));
  }

  /**
   * The manifest of an object that was changed after it was parsed (by variable substitution):
   * the same checks as for a parsed document, its identity read again, its origin kept.
   *
   * @param origin the origin of the object as parsed, e.g. {@code deploy/web.yaml#2}; it prefixes
   *     every error message
   */
  public Manifest manifest(String origin, Map<String, Object> object) throws ManifestException {
    String source = origin == null ? "" : origin;
    return identify(source, object, (o, p) -> {
      String what = o == null ? "" : describeObject(o);
      return new ManifestException(source, 0, source + (what.isEmpty() ? "" : " (" + what + ")") + ": " + p);
    });
  }

  private static Manifest identify(String manifestOrigin, Map<String, Object> object, Problem problem)
      throws ManifestException {
    String apiVersion = requiredString(problem, object, object.get("apiVersion"), "apiVersion");
    String kind = requiredString(problem, object, object.get("kind"), "kind");
    Object metadata = object.get("metadata");
    if (metadata != null && !(metadata instanceof Map<?, ?>)) {
      throw problem.at(object, "metadata must be an object");
    }
    Map<?, ?> meta = metadata == null ? Map.of() : (Map<?, ?>) metadata;
    Object name = meta.get("name");
    String prefix = GeneratedName.prefixOf(object);
    if (prefix != null && !SyncAnnotations.isHookAnnotated(object)) {
      throw problem.at(object,
          "metadata.generateName is only supported on hooks: an object that is kept in sync needs"
              + " metadata.name so it can be tracked, compared and pruned");
    }
    // a hook with generateName is known by its prefix until a run gives it a name
    String objectName = prefix != null ? prefix : requiredString(problem, object, name, "metadata.name");
    Object namespace = meta.get("namespace");
    if (namespace != null && !(namespace instanceof String)) {
      throw problem.at(object, "metadata.namespace must be a string");
    }
    ResourceKey key =
        new ResourceKey(ResourceKey.groupOf(apiVersion), kind, (String) namespace, objectName);
    return new Manifest(key, apiVersion, object, manifestOrigin);
  }

  private static String requiredString(
      Problem problem, Map<String, Object> object, Object value, String field) throws ManifestException {
    if (value == null || "".equals(value)) {
      throw problem.at(object, "missing " + field);
    }
    if (!(value instanceof String s)) {
      throw problem.at(object, field + " must be a string, found " + describeType(value));
    }
    return s;
  }

  private static ManifestException invalid(
      String origin, int index, String itemPath, Map<String, Object> object, String problem) {
    StringBuilder where = new StringBuilder(origin).append(": document ").append(index);
    if (!itemPath.isEmpty()) {
      where.append(", ").append(itemPath);
    }
    String what = object == null ? "" : describeObject(object);
    if (!what.isEmpty()) {
      where.append(" (").append(what).append(')');
    }
    return new ManifestException(origin, index, where + ": " + problem);
  }

  /** "ConfigMap/cfg", "ConfigMap" or "cfg", whatever is known, to point at the object. */
  private static String describeObject(Map<String, Object> object) {
    String kind = object.get("kind") instanceof String k && !k.isEmpty() ? k : null;
    String name =
        object.get("metadata") instanceof Map<?, ?> m
                && m.get("name") instanceof String n
                && !n.isEmpty()
            ? n
            : null;
    if (kind != null && name != null) {
      return kind + "/" + name;
    }
    return kind != null ? kind : name != null ? name : "";
  }

  private static String describeType(Object value) {
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    return value == null ? "null" : "a value";
  }
}
