package dev.keelson.helm;

import java.util.function.UnaryOperator;

/**
 * The template actions ({@code {{ ... }}}) of a Go template text, so that a rewrite touches code
 * and never the plain text a template prints.
 */
final class TemplateActions {

  private TemplateActions() {}

  /** The text with each action, delimiters included, replaced by {@code rewrite}'s answer. */
  static String map(String text, UnaryOperator<String> rewrite) {
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    while (true) {
      int open = text.indexOf("{{", pos);
      int close = open < 0 ? -1 : text.indexOf("}}", open + 2);
      if (open < 0 || close < 0) {
        out.append(text, pos, text.length());
        return out.toString();
      }
      out.append(text, pos, open);
      out.append(rewrite.apply(text.substring(open, close + 2)));
      pos = close + 2;
    }
  }
}
