package dev.keelson.automation.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate} challenge: its scheme ({@code bearer}, {@code basic}) and
 * parameters ({@code realm}, {@code service}, {@code scope}), as the distribution spec's token
 * authentication sends them.
 */
public record Challenge(String scheme, Map<String, String> params) {
  private static final Pattern PARAM = Pattern.compile("\\s*([A-Za-z0-9_-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))\\s*,?");

  public static Optional<Challenge> parse(String header) {
    if (header == null || header.isBlank()) return Optional.empty();
    String h = header.strip();
    int space = h.indexOf(' ');
    String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    if (space >= 0) {
      Matcher m = PARAM.matcher(h.substring(space + 1));
      while (m.find()) {
        if (m.group(1) == null) break;
        params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3));
      }
    }
    return Optional.of(new Challenge(scheme, Map.copyOf(params)));
  }

  public String param(String name) {
    return params.get(name);
  }
}
