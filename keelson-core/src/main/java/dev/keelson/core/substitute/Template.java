package dev.keelson.core.substitute;

import java.util.List;

/**
 * A parsed string: literal text and {@code ${...}} references, in order.
 *
 * @param parts never null; text parts already have their escapes resolved
 */
record Template(List<Part> parts) {

  Template {
    parts = List.copyOf(parts);
  }

  /** One piece of a template. */
  sealed interface Part permits Text, Reference {}

  /** Literal text, written out unchanged. */
  record Text(String value) implements Part {}

  /**
   * {@code ${name}} or {@code ${name<operator><args>}}.
   *
   * @param args the operator's arguments (default, offset and length, pattern and replacement),
   *     each a template of its own since they may hold references too
   */
  record Reference(String name, Operator operator, List<Template> args) implements Part {
    Reference {
      args = List.copyOf(args);
    }
  }
}
