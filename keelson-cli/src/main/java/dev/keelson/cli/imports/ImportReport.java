package dev.keelson.cli.imports;

import java.util.ArrayList;
import java.util.List;

/** Collects the warnings of one import, in the order they arise. */
final class ImportReport {
  /** The reason given for a field the converter does not know at all. */
  static final String NO_EQUIVALENT = "Keelson has no such field; not carried over";

  private final List<ImportWarning> warnings = new ArrayList<>();

  void warn(ObjectRef object, String path, String why) {
    warnings.add(new ImportWarning(object, path, why));
  }

  List<ImportWarning> warnings() {
    return List.copyOf(warnings);
  }
}
