package dev.keelson.automation.commit;

import dev.keelson.automation.setters.Change;
import dev.keelson.core.appset.GoTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commit message: Flux's {@code messageTemplate} is a Go template over
 * {@code .AutomationObject} (namespace/name), {@code .Changed.Changes} (each with
 * {@code OldValue}, {@code NewValue}, {@code Setter}, {@code File}), {@code .Changed.FileChanges}
 * (file to its changes), {@code .Changed.ImageResult} (policy to the image it chose) and
 * {@code .Values}; rendered with the Go template subset of ApplicationSets (range, if, with,
 * printf, ...). Without a template, the message names every value that moved.
 */
public final class CommitMessage {
  private CommitMessage() {}

  /**
   * @param chosen policy (ns:name) to the image it chose, for the policies the changes name
   * @throws IllegalArgumentException when the template does not parse or render
   */
  public static String render(String template, String automation, List<Change> changes, Map<String, String> chosen,
      Map<String, String> values) {
    if (template == null || template.isBlank()) return fallback(changes);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("AutomationObject", automation);
    List<Object> list = new ArrayList<>();
    Map<String, Object> byFile = new LinkedHashMap<>();
    for (Change c : changes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("OldValue", c.oldValue() == null ? "" : c.oldValue());
      m.put("NewValue", c.newValue());
      m.put("Setter", c.setter());
      m.put("File", c.file());
      list.add(m);
      @SuppressWarnings("unchecked")
      List<Object> f = (List<Object>) byFile.computeIfAbsent(c.file(), k -> new ArrayList<>());
      f.add(m);
    }
    Map<String, Object> changed = new LinkedHashMap<>();
    changed.put("Changes", list);
    changed.put("FileChanges", byFile);
    changed.put("ImageResult", new LinkedHashMap<>(chosen));
    data.put("Changed", changed);
    data.put("Values", values == null ? Map.of() : new LinkedHashMap<>(values));
    try {
      return GoTemplate.parse(template, List.of()).render(data);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("git.commit.messageTemplate: " + e.getMessage());
    }
  }

  static String fallback(List<Change> changes) {
    StringBuilder b = new StringBuilder("Update images\n\n");
    for (Change c : changes) {
      b.append("- ").append(c.file()).append(": ").append(c.oldValue() == null ? "(none)" : c.oldValue())
          .append(" -> ").append(c.newValue()).append(" (").append(c.setter()).append(")\n");
    }
    return b.toString();
  }
}
