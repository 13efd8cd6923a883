package dev.keelson.cli.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The import fixtures under src/test/resources/imports, and expected objects written as YAML. */
final class Fixtures {
  private Fixtures() {}

  static List<Map<String, Object>> read(String tool, String... names) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String name : names) {
      String resource = "/imports/" + tool + "/" + name;
      try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
        if (in == null) throw new IllegalArgumentException("no fixture " + resource);
        out.addAll(ImportDocuments.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** Objects as the test expects them, parsed as the input is (so numbers and booleans compare equal). */
  static List<Map<String, Object>> yaml(String text) {
    return ImportDocuments.parse("expected", text);
  }
}
