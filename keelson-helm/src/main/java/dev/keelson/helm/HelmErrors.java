package dev.keelson.helm;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Helm's error text into a message about the user's files: temporary paths become the names
 * the spec uses, Keelson's rewritten templates get their own names back, and the file at fault is
 * the first chart template (or Chart.yaml, or values file) the message names.
 */
final class HelmErrors {

  private static final int MAX_CHARS = 4000;
  private static final Pattern TEMPLATE =
      Pattern.compile("(?:^|[\\s(\"'])([^\\s:()\"'/]+(?:/charts/[^\\s:()\"'/]+)*/(?:templates|crds)/[^\\s:()\"']+)");
  private static final Pattern SOURCE_NAME = Pattern.compile(Pattern.quote(ChartRewriter.SOURCE_PREFIX));
  /** The frame of a hook-guard wrapper around the original template's own error. */
  private static final Pattern WRAPPER_FRAME = Pattern.compile(
      "template: ([^\\s:]+):\\d+:\\d+: executing \"\\1\" at <include \\$src \\.>: error calling include: ");
  /**
   * Helm reports {@code fail} and similar at the outermost template's position, which for an output
   * template is its wrapper's: the line would point nowhere, so only the file is kept.
   */
  private static final Pattern WRAPPER_POSITION =
      Pattern.compile("(execution error at \\((?:[^():/]+/)+(?!_)[^():/]+):\\d+:\\d+\\)");

  /** One frame of Go's template error chain through an {@code include}. */
  private static final Pattern INCLUDE_FRAME = Pattern.compile(
      "template: \\S+ executing \"[^\"]+\" at <[^>]+>: error calling include: ");

  private HelmErrors() {}

  /**
   * A template that includes itself fails after Helm's thousand nested includes, with one frame
   * per level: the same frame over and over is said once, with how often it repeats, so the
   * condition shows where the loop is and what ended it.
   */
  static String collapseRepeatedFrames(String text) {
    Matcher m = INCLUDE_FRAME.matcher(text);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    int from = 0;
    while (from < text.length() && m.find(from)) {
      String frame = m.group();
      int repeats = 1;
      while (text.startsWith(frame, m.start() + repeats * frame.length())) repeats++;
      out.append(text, copied, m.end());
      if (repeats > 1) {
        out.append("(the same include ").append(repeats - 1).append(" more times) ");
      }
      copied = m.start() + repeats * frame.length();
      from = copied;
    }
    return out.append(text, copied, text.length()).toString();
  }

  static HelmRenderException toException(String helmMessage, Path workspace, Map<Path, String> labels) {
    String text = helmMessage == null ? "" : helmMessage;
    text = text.replace("\n\nUse --debug flag to render out invalid YAML", "");
    text = collapseRepeatedFrames(text);
    for (Map.Entry<Path, String> l : labels.entrySet()) {
      if (text.contains(l.getKey().toString())) {
        String label = l.getValue();
        text = text.replace(l.getKey().toString(), label);
        return build(label, text, workspace);
      }
    }
    text = WRAPPER_FRAME.matcher(text).replaceAll("");
    text = WRAPPER_POSITION.matcher(text).replaceAll("$1)");
    text = SOURCE_NAME.matcher(text).replaceAll("");
    text = text.replace(ChartRewriter.SENTINEL, ChartRewriter.HOOK_PREFIX);
    text = text.replace("templates/" + ChartRewriter.CRD_TEMPLATES + "/", "crds/");
    String file = "";
    Matcher m = TEMPLATE.matcher(text);
    if (m.find()) {
      String full = m.group(1);
      file = full.substring(full.indexOf('/') + 1);
    } else if (text.contains("kubeVersion") || text.contains("Chart.yaml")) {
      file = "Chart.yaml";
    }
    return build(file, text, workspace);
  }

  private static HelmRenderException build(String file, String text, Path workspace) {
    String cleaned = text.replace(workspace.toString() + "/", "").replace(workspace.toString(), ".").strip();
    cleaned = Redaction.url(cleaned);
    if (cleaned.length() > MAX_CHARS) {
      cleaned = cleaned.substring(0, MAX_CHARS) + "...";
    }
    String message = file.isEmpty() || cleaned.startsWith(file) ? cleaned : file + ": " + cleaned;
    return new HelmRenderException(file, "helm template failed: " + message);
  }
}
