package dev.keelson.cli.imports;

import java.util.List;
import java.util.Map;

/** Converts one tool's objects into Keelson's: maps in, maps out, no cluster. */
public interface Importer {
  ImportResult convert(List<Map<String, Object>> objects, ImportOptions options);

  static Importer of(Tool tool) {
    return switch (tool) {
      case ARGOCD -> new ArgoCdImporter();
      case FLUX -> new FluxImporter();
    };
  }

  /** The tools objects are imported from. */
  enum Tool {
    ARGOCD("argocd"),
    FLUX("flux");

    private final String cliName;

    Tool(String cliName) {
      this.cliName = cliName;
    }

    public String cliName() {
      return cliName;
    }

    public static Tool parse(String name) {
      for (Tool t : values()) {
        if (t.cliName.equalsIgnoreCase(name)) return t;
      }
      throw new IllegalArgumentException("unknown tool '" + name + "' (argocd or flux)");
    }
  }
}
