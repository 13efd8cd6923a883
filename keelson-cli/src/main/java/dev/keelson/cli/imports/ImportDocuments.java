package dev.keelson.cli.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The objects of a YAML (any number of documents) or JSON text; a {@code List}'s items one by one. */
public final class ImportDocuments {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ImportDocuments() {}

  /** What to do with a document that is YAML but not a Kubernetes object. */
  public enum NonObjects {
    /** Fail: a file named on the command line is meant to hold objects. */
    FAIL,
    /** Skip it: a directory of a repository also holds Helm values and other YAML. */
    SKIP
  }

  public static List<Map<String, Object>> parse(String origin, String text) {
    return parse(origin, text, NonObjects.FAIL);
  }

  /**
   * @param origin where the text comes from, for messages (a file name)
   * @throws IllegalArgumentException naming the origin and the document when the text is not
   *     YAML or JSON, or a document is not a Kubernetes object
   */
  public static List<Map<String, Object>> parse(String origin, String text, NonObjects nonObjects) {
    List<Map<String, Object>> out = new ArrayList<>();
    int index = 0;
    try (MappingIterator<Object> docs = YAML.readerFor(Object.class).readValues(text)) {
      while (docs.hasNextValue()) {
        Object doc = docs.nextValue();
        index++;
        add(origin, index, doc, nonObjects, out);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(origin + ": document " + (index + 1) + " is not YAML or JSON: "
          + e.getOriginalMessage(), e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof JsonProcessingException j) {
        throw new IllegalArgumentException(origin + ": document " + (index + 1) + " is not YAML or JSON: "
            + j.getOriginalMessage(), e);
      }
      throw e;
    } catch (IOException e) {
      throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void add(String origin, int index, Object doc, NonObjects nonObjects,
      List<Map<String, Object>> out) {
    if (doc == null) return; // an empty document, e.g. after a trailing ---
    if (!(doc instanceof Map<?, ?> map) || !(map.get("apiVersion") instanceof String)
        || !(map.get("kind") instanceof String)) {
      if (nonObjects == NonObjects.SKIP) return;
      throw new IllegalArgumentException(origin + ": document " + index
          + " is not a Kubernetes object (it needs apiVersion and kind)");
    }
    if (map.get("kind").equals("List") && map.get("items") instanceof List<?> items) {
      for (Object item : items) add(origin, index, item, nonObjects, out);
      return;
    }
    out.add((Map<String, Object>) map);
  }
}
