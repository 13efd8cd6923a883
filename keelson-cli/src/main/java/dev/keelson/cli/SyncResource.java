package dev.keelson.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One object to sync alone, written {@code GROUP:KIND:NAME} as in Argo CD ({@code :ConfigMap:web}
 * for the core group, {@code apps:Deployment:web}).
 */
record SyncResource(String group, String kind, String name) {
  static SyncResource parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("'" + text + "' is not GROUP:KIND:NAME (exactly two colons;"
          + " leave GROUP empty for the core group, e.g. :ConfigMap:web or apps:Deployment:web)");
    }
    if (parts[1].isBlank() || parts[2].isBlank()) {
      throw new IllegalArgumentException("'" + text + "' is not GROUP:KIND:NAME (KIND and NAME must not be empty)");
    }
    // The options annotation is a comma list: a comma here would split one resource into two.
    if (text.contains(",")) {
      throw new IllegalArgumentException("'" + text + "' is not GROUP:KIND:NAME (no commas allowed)");
    }
    return new SyncResource(parts[0], parts[1], parts[2]);
  }

  @Override
  public String toString() {
    return group + ":" + kind + ":" + name;
  }

  /** Lets picocli reject a malformed --resource as a usage error (exit 2) before anything is written. */
  static final class Converter implements ITypeConverter<SyncResource> {
    @Override
    public SyncResource convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
