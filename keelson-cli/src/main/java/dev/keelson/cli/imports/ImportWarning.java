package dev.keelson.cli.imports;

/**
 * A field of an input object that was not carried over, or was carried over with a different
 * meaning.
 *
 * @param object the input object
 * @param path the field's path in it, e.g. {@code spec.source.plugin}; empty for the object as a whole
 * @param why what happened to it and what to do instead
 */
public record ImportWarning(ObjectRef object, String path, String why) {

  /** The line printed on standard error: {@code warning: KIND/NAMESPACE/NAME: PATH: WHY}. */
  public String line() {
    return "warning: " + object + ": " + (path.isEmpty() ? "" : path + ": ") + why;
  }
}
