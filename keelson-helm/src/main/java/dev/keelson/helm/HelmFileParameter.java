package dev.keelson.helm;

import java.util.Objects;

/**
 * One {@code --set-file}: the content of a file becomes a string value.
 *
 * @param name a Helm value path in {@code --set} syntax
 * @param path the file, relative to the chart's directory; it must stay inside the repository (or
 *     the chart, for a chart from a Helm repository)
 */
public record HelmFileParameter(String name, String path) {
  public HelmFileParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
  }
}
