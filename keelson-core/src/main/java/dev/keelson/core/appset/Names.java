package dev.keelson.core.appset;

import java.util.Locale;
import java.util.regex.Pattern;

/** Argo CD's {@code *Normalized} parameters: a name made fit for a Kubernetes object name. */
final class Names {
  private static final Pattern INVALID = Pattern.compile("[^-a-z0-9.]");

  private Names() {}

  static String normalized(String name) {
    String n = INVALID.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
    if (n.length() > 253) n = n.substring(0, 253);
    int start = 0;
    int end = n.length();
    while (start < end && (n.charAt(start) == '-' || n.charAt(start) == '.')) start++;
    while (end > start && (n.charAt(end - 1) == '-' || n.charAt(end - 1) == '.')) end--;
    return n.substring(start, end);
  }
}
