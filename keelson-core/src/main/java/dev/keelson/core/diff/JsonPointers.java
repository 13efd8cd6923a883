package dev.keelson.core.diff;

import java.util.ArrayList;
import java.util.List;

/** RFC 6901 JSON pointers, split into their unescaped reference tokens. */
final class JsonPointers {
  private JsonPointers() {}

  /**
   * The tokens of a pointer: {@code ""} is the whole document (no tokens), {@code "/a~1b/0"} is
   * {@code ["a/b", "0"]}. Whether a token is a map key or a list index depends on the document, so
   * tokens stay strings here.
   *
   * @throws IllegalArgumentException when the text is not a JSON pointer; the message quotes it
   */
  static List<String> parse(String pointer) {
    if (pointer == null) throw new IllegalArgumentException("a JSON pointer must not be null");
    List<String> tokens = new ArrayList<>();
    if (pointer.isEmpty()) return tokens;
    if (pointer.charAt(0) != '/') {
      throw new IllegalArgumentException("JSON pointer \"" + pointer + "\" must start with '/'");
    }
    for (String raw : pointer.substring(1).split("/", -1)) {
      tokens.add(unescape(raw, pointer));
    }
    return tokens;
  }

  /** True for a token that can index a list: digits without a leading zero ("-" never exists). */
  static boolean isIndex(String token) {
    if (token.isEmpty() || token.length() > 9) return false;
    if (token.length() > 1 && token.charAt(0) == '0') return false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  /** ~1 is '/', ~0 is '~', decoded in one pass so that "~01" stays "~1" as the RFC requires. */
  private static String unescape(String raw, String pointer) {
    if (raw.indexOf('~') < 0) return raw;
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '~') {
        out.append(c);
        continue;
      }
      char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
      if (next != '0' && next != '1') {
        throw new IllegalArgumentException(
            "JSON pointer \"" + pointer + "\" has '~' not followed by 0 or 1 (write ~0 for '~', ~1 for '/')");
      }
      out.append(next == '0' ? '~' : '/');
      i++;
    }
    return out.toString();
  }
}
