package dev.keelson.core.appset;

import java.util.List;

/**
 * How a set's strings are rendered: Argo CD's {@code {{param}}} substitution over flat string
 * parameters (FAST), or Go templates over nested parameters (GO, {@code goTemplate: true}).
 * Generators also produce their parameters in the style's shape.
 */
public record Templating(Style style, List<String> goTemplateOptions) {
  public enum Style { FAST, GO }

  public static final Templating FAST = new Templating(Style.FAST, List.of());

  public Templating {
    goTemplateOptions = goTemplateOptions == null ? List.of() : List.copyOf(goTemplateOptions);
  }

  public static Templating go(List<String> options) {
    return new Templating(Style.GO, options);
  }

  public boolean isGo() {
    return style == Style.GO;
  }
}
