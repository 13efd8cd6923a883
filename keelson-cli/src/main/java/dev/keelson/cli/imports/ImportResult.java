package dev.keelson.cli.imports;

import java.util.List;
import java.util.Map;

/**
 * What an import produced.
 *
 * @param objects the Keelson objects (and cluster Secrets), in input order
 * @param warnings every field not carried over, in input order
 */
public record ImportResult(List<Map<String, Object>> objects, List<ImportWarning> warnings) {

  public List<String> warningLines() {
    return warnings.stream().map(ImportWarning::line).toList();
  }
}
