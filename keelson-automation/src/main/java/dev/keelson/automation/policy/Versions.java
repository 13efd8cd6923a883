package dev.keelson.automation.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * Tags read as versions the way Masterminds' {@code NewVersion} (Flux's) reads them: an optional
 * {@code v}, one to three numbers (missing ones are 0), an optional pre-release and build.
 * Anything else is not a version (never coerced: {@code latest} or {@code sha-1a2b} are left out).
 */
final class Versions {
  private static final Pattern LOOSE = Pattern.compile(
      "[vV]?(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?(?:\\.(0|[1-9]\\d*))?(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

  private Versions() {}

  static Semver parse(String tag) {
    Matcher m = LOOSE.matcher(tag);
    if (!m.matches()) return null;
    String text = m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "." + (m.group(3) == null ? "0" : m.group(3))
        + (m.group(4) == null ? "" : m.group(4)) + (m.group(5) == null ? "" : m.group(5));
    try {
      return Semver.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
