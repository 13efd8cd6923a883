package dev.keelson.core.manifest;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads a multi-document YAML stream.
 *
 * <p>The stream is split on {@code ---} lines before parsing (as kubectl's YAML reader does), so
 * each document is parsed on its own: a broken document is reported with its own index and with
 * line numbers relative to the whole file, and documents that hold nothing but comments are
 * skipped without counting.
 */
final class YamlDocuments {

  /** Large generated bundles (CRDs) easily exceed SnakeYAML's 3 MB default. */
  private static final int CODE_POINT_LIMIT = 64 * 1024 * 1024;

  /**
   * Collections inside collections. SnakeYAML's default of 50 is below what deep CRD schemas reach
   * (each schema level is two: {@code properties} and the field); the parser recurses per level,
   * so the bound keeps a hostile file from exhausting a thread's stack.
   */
  static final int NESTING_DEPTH_LIMIT = 256;

  /**
   * One document's text. The API server takes no request body over 3 MiB, so no single object can
   * be larger; and SnakeYAML's reader copies its window for each 1024 characters of a long quoted
   * scalar, a cost that grows with the square of the scalar's length. Bounding the document
   * bounds that cost to about a second.
   */
  static final int MAX_DOCUMENT_CHARS = 3 << 20;

  private YamlDocuments() {}

  /** One document's text and the 1-based line of the file it starts on. */
  private record Chunk(String text, int firstLine) {}

  static void read(String origin, String text, DocumentSink sink) throws ManifestException {
    int index = 0;
    for (Chunk chunk : split(text)) {
      if (isBlank(chunk.text())) {
        continue;
      }
      if (chunk.text().length() > MAX_DOCUMENT_CHARS) {
        throw error(origin, index + 1, "the document starting at line " + chunk.firstLine() + " is "
            + String.format(java.util.Locale.ROOT, "%.1f", chunk.text().length() / 1048576.0)
            + " MiB; an object the API server accepts is at most 3 MiB");
      }
      Object value;
      try {
        value = newYaml().load(chunk.text());
        if (value != null) {
          value = JsonModel.normalize(value);
        }
      } catch (MarkedYAMLException e) {
        throw error(origin, index + 1, describe(e, chunk.firstLine()));
      } catch (YAMLException | JsonModel.UnsupportedValueException e) {
        throw error(origin, index + 1, oneLine(e.getMessage()));
      }
      if (value == null) {
        // Comment-only documents, "~" and "null" documents carry no object.
        continue;
      }
      index++;
      sink.accept(index, value);
    }
  }

  static List<Chunk> split(String text) {
    List<Chunk> chunks = new ArrayList<>();
    int chunkStart = 0;
    int chunkLine = 1;
    int line = 1;
    int pos = 0;
    while (pos < text.length()) {
      int eol = text.indexOf('\n', pos);
      int next = eol < 0 ? text.length() : eol + 1;
      if (pos > chunkStart && isSeparator(text, pos, eol < 0 ? text.length() : eol)) {
        chunks.add(new Chunk(text.substring(chunkStart, pos), chunkLine));
        chunkStart = pos;
        chunkLine = line;
      }
      pos = next;
      line++;
    }
    chunks.add(new Chunk(text.substring(chunkStart), chunkLine));
    return chunks;
  }

  /**
   * A document marker at the start of a line. The separator line stays with the document it opens:
   * YAML accepts content after the marker ({@code --- # comment}, {@code --- !!map}), and keeping it
   * keeps line numbers right.
   */
  private static boolean isSeparator(String text, int start, int end) {
    return end - start >= 3
        && text.startsWith("---", start)
        && (end - start == 3 || Character.isWhitespace(text.charAt(start + 3)));
  }

  /** Cheap pre-check so that whitespace/comment-only chunks never reach the parser. */
  private static boolean isBlank(String chunk) {
    for (String line : chunk.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("---")) {
        t = t.substring(3).strip();
      }
      if (!t.isEmpty() && !t.startsWith("#")) {
        return false;
      }
    }
    return true;
  }

  /** The loader every manifest is read with: also used to read substituted values back. */
  static Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    // Duplicate keys make a manifest ambiguous; Kubernetes' YAML loader rejects them too.
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(CODE_POINT_LIMIT);
    options.setNestingDepthLimit(NESTING_DEPTH_LIMIT);
    DumperOptions dumperOptions = new DumperOptions();
    return new Yaml(
        new JsonModelConstructor(options),
        new Representer(dumperOptions),
        dumperOptions,
        options,
        new KubernetesYamlResolver());
  }

  /**
   * SafeConstructor (no arbitrary classes) that keeps timestamps and binary scalars as the strings
   * written in the file, as Kubernetes does: an annotation {@code 2024-01-01} must not become a Date.
   */
  private static final class JsonModelConstructor extends SafeConstructor {
    JsonModelConstructor(LoaderOptions options) {
      super(options);
      AbstractConstruct asString =
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              return ((ScalarNode) node).getValue();
            }
          };
      yamlConstructors.put(Tag.TIMESTAMP, asString);
      yamlConstructors.put(Tag.BINARY, asString);
    }
  }

  private static String describe(MarkedYAMLException e, int firstLine) {
    String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    StringBuilder sb = new StringBuilder(oneLine(problem == null ? "invalid YAML" : problem));
    if (mark != null) {
      sb.append(" (line ")
          .append(mark.getLine() + firstLine)
          .append(", column ")
          .append(mark.getColumn() + 1)
          .append(')');
    }
    if (e.getProblem() != null && e.getContext() != null && e.getContextMark() != null) {
      // e.g. "... while parsing a block mapping that starts at line 3": points at the enclosing
      // structure, which is often where the indentation mistake is.
      sb.append(' ')
          .append(oneLine(e.getContext()))
          .append(" that starts at line ")
          .append(e.getContextMark().getLine() + firstLine);
    }
    return sb.toString();
  }

  static String oneLine(String s) {
    return s == null ? "invalid YAML" : s.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  private static ManifestException error(String origin, int index, String message) {
    return new ManifestException(origin, index, origin + ": document " + index + ": " + message);
  }
}
