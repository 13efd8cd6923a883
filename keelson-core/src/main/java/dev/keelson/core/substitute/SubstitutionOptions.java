package dev.keelson.core.substitute;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a {@link Substitution} substitutes with.
 *
 * @param variables names and values; names must match {@link #VARIABLE_NAME} (Flux's rule), so a
 *     mistyped ConfigMap key is reported rather than silently never matching
 * @param strict an unset variable without a default is an error (Flux 2.9's default); otherwise it
 *     expands to the empty string
 */
public record SubstitutionOptions(Map<String, String> variables, boolean strict) {

  /** Flux's {@code ^[_[:alpha:]][_[:alpha:][:digit:]]*$}; POSIX classes are ASCII in Go's regexp. */
  public static final Pattern VARIABLE_NAME = Pattern.compile("^[_A-Za-z][_A-Za-z0-9]*$");

  /** @throws IllegalArgumentException naming the first variable whose name is not valid */
  public SubstitutionOptions {
    Objects.requireNonNull(variables, "variables");
    Map<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : variables.entrySet()) {
      if (e.getKey() == null || !VARIABLE_NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException(
            "invalid variable name \"" + e.getKey() + "\": must match " + VARIABLE_NAME.pattern());
      }
      copy.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
    }
    variables = java.util.Collections.unmodifiableMap(copy);
  }

  /** Strict substitution with these variables. */
  public static SubstitutionOptions strict(Map<String, String> variables) {
    return new SubstitutionOptions(variables, true);
  }

  /** Lenient substitution: unset variables become empty. */
  public static SubstitutionOptions lenient(Map<String, String> variables) {
    return new SubstitutionOptions(variables, false);
  }

  /** Never shows values: they may come from Secrets. */
  @Override
  public String toString() {
    return "SubstitutionOptions[variables=" + variables.keySet() + ", strict=" + strict + "]";
  }
}
