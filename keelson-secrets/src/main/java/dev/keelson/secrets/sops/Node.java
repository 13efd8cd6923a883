package dev.keelson.secrets.sops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * sops's tree, independent of the file format: mappings keep their order and their comments, as
 * sops's {@code TreeBranch} does, because the MAC covers values in document order and a comment's
 * AAD is the path of the mapping that holds it. No {@code toString} shows a value.
 */
sealed interface Node {

  /** A mapping: keys in file order; comments are entries without a key. */
  final class Branch implements Node {
    final List<Entry> entries;

    Branch() {
      this.entries = new ArrayList<>();
    }

    Branch(List<Entry> entries) {
      this.entries = new ArrayList<>(entries);
    }

    Node get(String key) {
      for (Entry e : entries) {
        if (key.equals(e.key())) return e.value();
      }
      return null;
    }

    @Override
    public String toString() {
      return "Branch[" + entries.size() + " entries]";
    }
  }

  /** One entry of a mapping; a comment has no key. */
  record Entry(String key, Node value) {
    static Entry comment(Comment c) {
      return new Entry(null, c);
    }

    boolean isComment() {
      return key == null;
    }

    @Override
    public String toString() {
      return isComment() ? "Entry[comment]" : "Entry[" + key + "]";
    }
  }

  /** A list; comments are items of their own, as in sops. */
  final class Sequence implements Node {
    final List<Node> items;

    Sequence(List<Node> items) {
      this.items = new ArrayList<>(items);
    }

    @Override
    public String toString() {
      return "Sequence[" + items.size() + " items]";
    }
  }

  /** A string; bytes, because a binary file's content is a sops string that need not be UTF-8. */
  record Str(byte[] bytes) implements Node {
    static Str of(String s) {
      return new Str(s.getBytes(StandardCharsets.UTF_8));
    }

    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    boolean isEmpty() {
      return bytes.length == 0;
    }

    @Override
    public String toString() {
      return "Str[" + bytes.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Str s && java.util.Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }
  }

  record Int(long value) implements Node {
    @Override
    public String toString() {
      return "Int[...]";
    }
  }

  record Float(double value) implements Node {
    @Override
    public String toString() {
      return "Float[...]";
    }
  }

  record Bool(boolean value) implements Node {
    @Override
    public String toString() {
      return "Bool[...]";
    }
  }

  /** {@code null}: sops neither encrypts nor MACs it. */
  enum Null implements Node {
    NULL
  }

  /** A comment's text without the leading {@code #}. */
  record Comment(String text, Placement placement) implements Node {
    enum Placement {
      OWN_LINE, INLINE
    }

    static Comment ownLine(String text) {
      return new Comment(text, Placement.OWN_LINE);
    }

    @Override
    public String toString() {
      return "Comment[...]";
    }
  }
}
