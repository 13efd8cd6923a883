package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.Node.Branch;
import dev.keelson.secrets.sops.Node.Comment;
import dev.keelson.secrets.sops.Node.Entry;
import dev.keelson.secrets.sops.Node.Sequence;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.comments.CommentLine;
import org.snakeyaml.engine.v2.comments.CommentType;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * YAML as sops's store reads it (go-yaml v3): YAML 1.2 core schema typing ({@code yes} stays a
 * string), key order and comments kept, aliases expanded, several documents allowed. snakeyaml-engine
 * parses; the conversion to sops's tree is written here because it is sops's.
 */
final class YamlStore implements Store {
  /** Aliases to collections per document; more is refused (the "billion laughs"). */
  static final int MAX_ALIASES = 50;
  /** Tree nodes after aliases are expanded; a small file cannot grow past this. */
  static final int MAX_NODES = 1_000_000;
  private static final int MAX_DEPTH = 1000;
  private static final org.snakeyaml.engine.v2.resolver.ScalarResolver IMPLICIT = new CoreSchema().getScalarResolver();

  @Override
  public MetadataLayout metadataLayout() {
    return MetadataLayout.NESTED;
  }

  @Override
  public List<Branch> load(String file, byte[] content) throws SopsException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      throw new SopsException(file, "is not UTF-8 text");
    }
    LoadSettings settings = LoadSettings.builder()
        .setLabel(file)
        .setSchema(new CoreSchema())
        .setParseComments(true)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setAllowRecursiveKeys(false)
        .setCodePointLimit(Sops.MAX_FILE_BYTES + 1)
        .build();
    List<Branch> docs = new ArrayList<>();
    Converter c = new Converter(file);
    try {
      for (org.snakeyaml.engine.v2.nodes.Node doc : new Compose(settings).composeAllFromString(text)) {
        docs.add(c.document(doc));
      }
    } catch (YamlEngineException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("aliases")) {
        throw new SopsException(file, "YAML aliases expand beyond the limit (" + MAX_ALIASES + " aliases to collections per document)");
      }
      throw new SopsException(file, "is not valid YAML: " + describe(e));
    }
    return docs;
  }

  /** The problem and where it is, without the excerpt of the file snakeyaml quotes (it may hold a value). */
  private static String describe(YamlEngineException e) {
    if (e instanceof MarkedYamlEngineException m) {
      String where = m.getProblemMark().map(mark -> " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)).orElse("");
      return String.valueOf(m.getProblem()) + where;
    }
    String msg = String.valueOf(e.getMessage());
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }

  @Override
  public byte[] emit(String file, List<Branch> documents) {
    return YamlWriter.write(documents).getBytes(StandardCharsets.UTF_8);
  }

  private static final class Converter {
    private final String file;
    private final java.util.IdentityHashMap<Branch, Integer> columns = new java.util.IdentityHashMap<>();
    private int nodes;

    Converter(String file) {
      this.file = file;
    }

    Branch document(org.snakeyaml.engine.v2.nodes.Node root) throws SopsException {
      nodes = 0;
      if (root instanceof MappingNode m) return mapping(m, 0);
      if (root instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
        Branch b = new Branch();
        comments(root.getBlockComments(), b);
        comments(root.getInLineComments(), b);
        comments(root.getEndComments(), b);
        return b;
      }
      if (root instanceof SequenceNode) throw new SopsException(file, "a YAML document that is a list is not supported (sops needs a mapping at the top)");
      throw new SopsException(file, "a YAML document that is a single value is not supported (sops needs a mapping at the top)");
    }

    private void count(int depth) throws SopsException {
      if (++nodes > MAX_NODES) throw new SopsException(file, "YAML aliases expand beyond the limit (" + MAX_NODES + " nodes)");
      if (depth > MAX_DEPTH) throw new SopsException(file, "YAML nests deeper than " + MAX_DEPTH + " levels (or an alias refers to itself)");
    }

    private Branch mapping(MappingNode m, int depth) throws SopsException {
      count(depth);
      Branch b = new Branch();
      comments(m.getBlockComments(), b);
      int column = -1;
      for (NodeTuple t : m.getValue()) {
        org.snakeyaml.engine.v2.nodes.Node k = t.getKeyNode();
        org.snakeyaml.engine.v2.nodes.Node v = t.getValueNode();
        if (!(k instanceof ScalarNode ks)) throw new SopsException(file, "has a YAML key that is not a string; sops supports only string keys");
        if (column < 0) {
          column = column(k.getStartMark());
          columns.put(b, column);
        }
        placed(k.getBlockComments(), b, column);
        if (v instanceof ScalarNode) comments(v.getBlockComments(), b);
        inline(k.getInLineComments(), b);
        inline(v.getInLineComments(), b);
        b.entries.add(new Entry(ks.getValue(), value(v, depth + 1)));
        if (v instanceof ScalarNode) comments(v.getEndComments(), b);
      }
      placed(m.getEndComments(), b, Math.max(column, 0));
      return b;
    }

    private static int column(java.util.Optional<org.snakeyaml.engine.v2.exceptions.Mark> mark) {
      return mark.map(org.snakeyaml.engine.v2.exceptions.Mark::getColumn).orElse(0);
    }

    /**
     * Comments above a key, placed as go-yaml places them: a comment indented deeper than the key
     * ends the mapping just above it (the one whose keys start at or left of the comment), which
     * is the mapping sops encrypts it for.
     */
    private void placed(List<CommentLine> lines, Branch b, int keyColumn) {
      for (CommentLine c : nonBlank(lines)) {
        int cc = c.getStartMark().map(org.snakeyaml.engine.v2.exceptions.Mark::getColumn).orElse(keyColumn);
        Branch target = cc > keyColumn ? deepestTrailing(b, cc) : b;
        target.entries.add(Entry.comment(Comment.ownLine(c.getValue())));
      }
    }

    private Branch deepestTrailing(Branch b, int commentColumn) {
      Branch best = b;
      Node n = lastValue(b);
      while (n != null) {
        if (n instanceof Branch nb) {
          Integer col = columns.get(nb);
          if (col == null || col > commentColumn) break;
          best = nb;
          n = lastValue(nb);
        } else if (n instanceof Sequence s) {
          n = null;
          for (int i = s.items.size() - 1; i >= 0; i--) {
            if (!(s.items.get(i) instanceof Comment)) {
              n = s.items.get(i);
              break;
            }
          }
        } else {
          break;
        }
      }
      return best;
    }

    private static Node lastValue(Branch b) {
      for (int i = b.entries.size() - 1; i >= 0; i--) {
        if (!b.entries.get(i).isComment()) return b.entries.get(i).value();
      }
      return null;
    }

    private Node value(org.snakeyaml.engine.v2.nodes.Node n, int depth) throws SopsException {
      if (n instanceof MappingNode m) return mapping(m, depth);
      if (n instanceof SequenceNode s) return sequence(s, depth);
      count(depth);
      return scalar((ScalarNode) n);
    }

    private Sequence sequence(SequenceNode s, int depth) throws SopsException {
      count(depth);
      List<Node> items = new ArrayList<>();
      for (CommentLine c : nonBlank(s.getBlockComments())) items.add(Comment.ownLine(c.getValue()));
      for (org.snakeyaml.engine.v2.nodes.Node item : s.getValue()) {
        for (CommentLine c : nonBlank(item.getBlockComments())) items.add(Comment.ownLine(c.getValue()));
        for (CommentLine c : nonBlank(item.getInLineComments())) items.add(new Comment(c.getValue(), Comment.Placement.INLINE));
        items.add(value(item, depth + 1));
        if (item instanceof ScalarNode) {
          for (CommentLine c : nonBlank(item.getEndComments())) items.add(Comment.ownLine(c.getValue()));
        }
      }
      for (CommentLine c : nonBlank(s.getEndComments())) items.add(Comment.ownLine(c.getValue()));
      return new Sequence(items);
    }

    private Node scalar(ScalarNode s) throws SopsException {
      Tag tag = s.getTag();
      String v = s.getValue();
      // an unquoted scalar without an explicit tag is typed as go-yaml types it
      if (s.isPlain() && tag.equals(IMPLICIT.resolve(v, true))) return GoYamlScalars.resolve(v);
      if (tag.equals(Tag.NULL)) return Node.Null.NULL;
      if (tag.equals(Tag.BOOL)) return new Node.Bool(v.toLowerCase(Locale.ROOT).equals("true"));
      if (tag.equals(Tag.INT)) return integer(v);
      if (tag.equals(Tag.FLOAT)) return floating(v);
      if (tag.equals(Tag.BINARY)) {
        try {
          return new Node.Str(Base64.getMimeDecoder().decode(v));
        } catch (IllegalArgumentException e) {
          throw new SopsException(file, "has a !!binary value that is not base64");
        }
      }
      return Node.Str.of(v);
    }

    private Node integer(String v) throws SopsException {
      String t = v.replace("_", "");
      int sign = 1;
      if (t.startsWith("-") || t.startsWith("+")) {
        sign = t.startsWith("-") ? -1 : 1;
        t = t.substring(1);
      }
      BigInteger n;
      try {
        if (t.startsWith("0x")) n = new BigInteger(t.substring(2), 16);
        else if (t.startsWith("0o")) n = new BigInteger(t.substring(2), 8);
        else n = new BigInteger(t);
      } catch (NumberFormatException e) {
        throw new SopsException(file, "has an integer YAML cannot read");
      }
      if (sign < 0) n = n.negate();
      return n.bitLength() < 64 ? new Node.Int(n.longValue()) : new Node.Float(n.doubleValue());
    }

    private Node floating(String v) throws SopsException {
      String t = v.toLowerCase(Locale.ROOT);
      switch (t) {
        case ".inf", "+.inf" -> { return new Node.Float(Double.POSITIVE_INFINITY); }
        case "-.inf" -> { return new Node.Float(Double.NEGATIVE_INFINITY); }
        case ".nan" -> { return new Node.Float(Double.NaN); }
        default -> { }
      }
      try {
        return new Node.Float(Double.parseDouble(v));
      } catch (NumberFormatException e) {
        throw new SopsException(file, "has a number YAML cannot read");
      }
    }

    private static List<CommentLine> nonBlank(List<CommentLine> lines) {
      if (lines == null) return List.of();
      return lines.stream().filter(c -> c.getCommentType() != CommentType.BLANK_LINE).toList();
    }

    private static void comments(List<CommentLine> lines, Branch into) {
      for (CommentLine c : nonBlank(lines)) into.entries.add(Entry.comment(Comment.ownLine(c.getValue())));
    }

    private static void inline(List<CommentLine> lines, Branch into) {
      for (CommentLine c : nonBlank(lines)) into.entries.add(Entry.comment(new Comment(c.getValue(), Comment.Placement.INLINE)));
    }
  }
}
