package dev.keelson.helm;

/**
 * One resolved entry of Flux's {@code valuesFrom}: what the controller read from a ConfigMap or
 * Secret key.
 *
 * @param content without {@code targetPath}, a map merged at the root of the values (the key's
 *     YAML); with it, any value (usually the key's text) placed at that path
 * @param targetPath a Helm value path in {@code --set} syntax, or null
 * @param source where it came from ({@code ConfigMap/app-values}), used in error messages
 */
public record ValuesFromEntry(Object content, String targetPath, String source) {
  public ValuesFromEntry {
    source = source == null ? "valuesFrom" : source;
    if (targetPath != null && targetPath.isBlank()) {
      targetPath = null;
    }
  }
}
