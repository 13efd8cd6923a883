package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.Node.Branch;
import java.util.List;

/** One file format's tree: read and written the way sops's store for that format does. */
interface Store {

  /** Where a format keeps the {@code sops} metadata. */
  enum MetadataLayout {
    /** A {@code sops} mapping at the top level (YAML, JSON, binary). */
    NESTED,
    /** Flattened top-level keys prefixed {@code sops_} (dotenv). */
    FLAT_PREFIXED,
    /** A {@code [sops]} section of flattened keys, newlines escaped (INI). */
    FLAT_SECTION
  }

  /** The file's documents (one, except for multi-document YAML), metadata included. */
  List<Branch> load(String file, byte[] content) throws SopsException;

  byte[] emit(String file, List<Branch> documents) throws SopsException;

  MetadataLayout metadataLayout();

  /** Whether the content is an encrypted file of this format, judged from its parsed tree. */
  default boolean hasMetadata(List<Branch> documents) {
    if (documents.isEmpty()) return false;
    Branch first = documents.get(0);
    return switch (metadataLayout()) {
      case NESTED, FLAT_SECTION -> first.get(MetadataTree.KEY) instanceof Branch;
      case FLAT_PREFIXED -> first.entries.stream().anyMatch(e -> !e.isComment() && e.key().startsWith(MetadataTree.KEY + "_"));
    };
  }

  static Store of(SopsFormat format) {
    return switch (format) {
      case YAML -> new YamlStore();
      case JSON -> new JsonStore();
      case DOTENV -> new DotenvStore();
      case INI -> new IniStore();
      case BINARY -> new BinaryStore();
    };
  }
}
