package dev.keelson.helm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an upgrade render answer {@code .Release.IsUpgrade} true and {@code .Release.IsInstall}
 * false. helm-java's {@code template} runs Helm's install action, which always sets the opposite,
 * so inside template actions the two fields, reached from the root as {@code .Release.X} or
 * {@code $.Release.X}, are replaced by the literal answer. String literals and plain text are left
 * alone.
 *
 * <p>Limits: a field reached another way ({@code $rel := .Release} then {@code $rel.IsUpgrade}, or
 * {@code .Release} passed to a named template as its dot) is not seen and keeps the install answer.
 * {@code .Release.X} is taken to be the root's, which it is everywhere except inside {@code with}
 * or {@code range}, where Helm itself would not find a {@code Release} field on the rebound dot.
 */
final class ReleaseFlags {

  // Not preceded by a name, a variable or a closing bracket: `.Values.Release.IsUpgrade` or
  // `$ctx.Release.IsUpgrade` are other values.
  private static final Pattern FIELD =
      Pattern.compile("(?<![\\w$)\\].])(\\$?)\\.Release\\.(IsUpgrade|IsInstall)(?![\\w.])");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`|'(?:[^'\\\\]|\\\\.)*'");

  private final boolean upgrade;

  /** @param upgrade whether the release exists already (upgrade, rollback); false for an install */
  ReleaseFlags(boolean upgrade) {
    this.upgrade = upgrade;
  }

  /** The template text as an upgrade renders it; unchanged for an install. */
  String apply(String text) {
    if (!upgrade || !text.contains(".Release.Is")) {
      return text;
    }
    return TemplateActions.map(text, this::rewriteAction);
  }

  private String rewriteAction(String action) {
    StringBuilder out = new StringBuilder(action.length());
    Matcher strings = STRING.matcher(action);
    int pos = 0;
    while (strings.find()) {
      out.append(rewriteCode(action.substring(pos, strings.start()))).append(strings.group());
      pos = strings.end();
    }
    return out.append(rewriteCode(action.substring(pos))).toString();
  }

  private static String rewriteCode(String code) {
    Matcher m = FIELD.matcher(code);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, m.group(2).equals("IsUpgrade") ? "true" : "false");
    }
    return m.appendTail(out).toString();
  }
}
