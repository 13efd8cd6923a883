package dev.keelson.helm;

import java.util.regex.Pattern;

/** Keeps credentials out of messages: user info is cut from URLs. */
final class Redaction {

  private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

  private Redaction() {}

  static String url(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("$1");
  }

  /** Also removes a known secret wherever it appears. */
  static String text(String text, RepositoryAuth auth) {
    String out = url(text);
    if (out != null && auth != null && auth.password() != null && auth.password().length() >= 3) {
      out = out.replace(auth.password(), "***");
    }
    return out;
  }
}
