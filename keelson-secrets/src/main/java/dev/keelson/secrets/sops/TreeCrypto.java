package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.Node.Branch;
import dev.keelson.secrets.sops.Node.Comment;
import dev.keelson.secrets.sops.Node.Entry;
import dev.keelson.secrets.sops.Node.Sequence;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * sops's tree walk ({@code Tree.Encrypt} / {@code Tree.Decrypt} in sops.go): which values are
 * encrypted, each value's AAD (its key path joined by {@code :} plus a trailing {@code :}; list
 * items add nothing), and the MAC, SHA-512 over the values' plaintext bytes in document order.
 * No library knows this format, so it is written here, rule for rule.
 */
final class TreeCrypto {
  /** sops's {@code MACOnlyEncryptedInitialization}: sha256("sops"), the seed of a mac_only_encrypted MAC. */
  private static final byte[] MAC_ONLY_ENCRYPTED_INIT = HexFormat.of().parseHex(
      "8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

  private final SopsSelector selector;
  private final Pattern regex;
  private final MacScope macScope;
  private final MessageDigest hash;

  TreeCrypto(SopsSelector selector, MacScope macScope) {
    this.selector = selector;
    this.regex = selector.rule().isRegex() ? Pattern.compile(selector.value()) : null;
    this.macScope = macScope;
    try {
      this.hash = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (macScope == MacScope.ENCRYPTED_ONLY) hash.update(MAC_ONLY_ENCRYPTED_INIT);
  }

  /** Decrypts every selected value in place and returns the MAC of the clear tree. */
  String decrypt(String file, List<Branch> branches, byte[] key) throws SopsException {
    Visitor v = new Visitor() {
      @Override
      Node leaf(Node in, List<String> path, Selection selection) throws SopsException {
        Node out = in;
        if (selection == Selection.ENCRYPTED) {
          if (!(in instanceof Node.Str s)) {
            throw new SopsException(file, "the value at " + describe(path) + " should be encrypted but is a " + kind(in));
          }
          try {
            out = ValueCipher.decrypt(s.text(), key, aad(path));
          } catch (ValueCipher.ValueException e) {
            throw new SopsException(file, "the value at " + describe(path) + " " + e.getMessage());
          }
        }
        hashLeaf(out, selection);
        return out;
      }

      @Override
      Comment comment(Comment in, List<String> path, Selection selection, Relocation relocation) {
        if (selection == Selection.CLEAR || !ValueCipher.looksEncrypted(in.text())) return in;
        try {
          return asComment(ValueCipher.decrypt(in.text(), key, aad(path)), in);
        } catch (ValueCipher.ValueException e) {
          // A parser may attach a comment that ends a nested mapping to the next key of an outer
          // one; the AAD says which mapping sops put it in.
          for (Relocation.Target t : relocation.targets()) {
            try {
              Comment c = asComment(ValueCipher.decrypt(in.text(), key, aad(t.path())), in);
              relocation.moveTo(t);
              return c;
            } catch (ValueCipher.ValueException ignored) {
              // not this one
            }
          }
          // sops keeps a comment it cannot decrypt (files from before comments were encrypted).
          return in;
        }
      }
    };
    for (Branch b : branches) v.branch(b, new ArrayList<>(), new ArrayList<>());
    return mac();
  }

  private static Comment asComment(Node decrypted, Comment original) {
    String text = decrypted instanceof Comment c ? c.text() : ((Node.Str) decrypted).text();
    return new Comment(text, original.placement());
  }

  /** Encrypts every selected value in place and returns the MAC of the clear tree. */
  String encrypt(String file, List<Branch> branches, byte[] key) throws SopsException {
    Visitor v = new Visitor() {
      @Override
      Node leaf(Node in, List<String> path, Selection selection) {
        hashLeaf(in, selection);
        return selection == Selection.ENCRYPTED ? Node.Str.of(ValueCipher.encrypt(in, key, aad(path))) : in;
      }

      @Override
      Comment comment(Comment in, List<String> path, Selection selection, Relocation relocation) throws SopsException {
        if (selection == Selection.CLEAR) return in;
        String enc = ValueCipher.encrypt(in, key, aad(path));
        if (selector.rule() == SopsSelector.Rule.UNENCRYPTED_COMMENT_REGEX && regex.matcher(enc).find()) {
          throw new SopsException(file, "an encrypted comment matches unencrypted_comment_regex; choose a regex that cannot match ENC[...]");
        }
        return new Comment(enc, in.placement());
      }
    };
    for (Branch b : branches) v.branch(b, new ArrayList<>(), new ArrayList<>());
    return mac();
  }

  private void hashLeaf(Node clear, Selection selection) {
    if (macScope == MacScope.ALL_VALUES || selection == Selection.ENCRYPTED) hash.update(ValueCipher.plainBytes(clear));
  }

  private String mac() {
    return HexFormat.of().withUpperCase().formatHex(hash.digest());
  }

  static String aad(List<String> path) {
    return String.join(":", path) + ":";
  }

  private static String describe(List<String> path) {
    return path.isEmpty() ? "the top level" : "'" + String.join(":", path) + "'";
  }

  private static String kind(Node n) {
    if (n instanceof Node.Int) return "number";
    if (n instanceof Node.Float) return "number";
    if (n instanceof Node.Bool) return "boolean";
    return "non-string value";
  }

  /** Whether the selector encrypts a value or leaves it clear. */
  enum Selection {
    ENCRYPTED, CLEAR
  }

  /** What is being selected: a comment does not select itself under encrypted_comment_regex. */
  enum Subject {
    VALUE, COMMENT
  }

  Selection select(List<String> path, List<List<String>> commentsStack, Subject subject) {
    return shouldBeEncrypted(path, commentsStack, subject) ? Selection.ENCRYPTED : Selection.CLEAR;
  }

  /** sops's {@code shouldBeEncrypted}. */
  private boolean shouldBeEncrypted(List<String> path, List<List<String>> commentsStack, Subject subject) {
    String v = selector.value();
    switch (selector.rule()) {
      case UNENCRYPTED_SUFFIX:
        return path.stream().noneMatch(p -> p.endsWith(v));
      case ENCRYPTED_SUFFIX:
        return path.stream().anyMatch(p -> p.endsWith(v));
      case UNENCRYPTED_REGEX:
        return path.stream().noneMatch(p -> regex.matcher(p).find());
      case ENCRYPTED_REGEX:
        return path.stream().anyMatch(p -> regex.matcher(p).find());
      case UNENCRYPTED_COMMENT_REGEX:
        for (List<String> cs : commentsStack) {
          for (String c : cs) {
            if (regex.matcher(c).find()) return false;
          }
        }
        return true;
      case ENCRYPTED_COMMENT_REGEX:
        int last = commentsStack.size() - 1;
        int lastLen = commentsStack.get(last).size();
        for (int i = 0; i < commentsStack.size(); i++) {
          List<String> cs = commentsStack.get(i);
          for (int j = 0; j < cs.size(); j++) {
            // a comment does not select itself
            if (subject == Subject.COMMENT && i == last && j == lastLen - 1) continue;
            if (regex.matcher(cs.get(j)).find()) return true;
          }
        }
        return false;
      default:
        throw new IllegalStateException();
    }
  }

  /** Where a comment that failed to decrypt in place may belong instead. */
  static final class Relocation {
    record Target(List<String> path, Branch branch) {}

    private final Entry entry;
    private final List<Target> targets;
    private Target chosen;

    Relocation(Entry entry, List<Target> targets) {
      this.entry = entry;
      this.targets = targets;
    }

    List<Target> targets() {
      return targets;
    }

    void moveTo(Target t) {
      chosen = t;
    }

    static final Relocation NONE = new Relocation(null, List.of());
  }

  private abstract class Visitor {
    abstract Node leaf(Node in, List<String> path, Selection selection) throws SopsException;

    abstract Comment comment(Comment in, List<String> path, Selection selection, Relocation relocation) throws SopsException;

    Node value(Node in, List<String> path, List<List<String>> commentsStack) throws SopsException {
      if (in instanceof Branch b) {
        branch(b, path, commentsStack);
        return b;
      }
      if (in instanceof Sequence s) {
        sequence(s, path, commentsStack);
        return s;
      }
      if (in == Node.Null.NULL) return in;
      return leaf(in, path, select(path, commentsStack, Subject.VALUE));
    }

    void sequence(Sequence s, List<String> path, List<List<String>> stack) throws SopsException {
      stack = push(stack);
      List<String> top = stack.get(stack.size() - 1);
      for (int i = 0; i < s.items.size(); i++) {
        Node item = s.items.get(i);
        if (item instanceof Comment c) {
          top.add(c.text());
          s.items.set(i, comment(c, path, select(path, stack, Subject.COMMENT), Relocation.NONE));
        } else {
          s.items.set(i, value(item, path, stack));
          top.clear();
        }
      }
    }

    void branch(Branch b, List<String> path, List<List<String>> stack) throws SopsException {
      stack = push(stack);
      List<String> top = stack.get(stack.size() - 1);
      List<Relocation> moves = new ArrayList<>();
      for (int i = 0; i < b.entries.size(); i++) {
        Entry e = b.entries.get(i);
        if (e.isComment()) {
          Comment c = (Comment) e.value();
          top.add(c.text());
          Relocation r = new Relocation(e, trailingBranches(b, i, path));
          Comment out = comment(c, path, select(path, stack, Subject.COMMENT), r);
          Entry replaced = Entry.comment(out);
          b.entries.set(i, replaced);
          if (r.chosen != null) moves.add(new Relocation(replaced, List.of(r.chosen)));
          continue;
        }
        List<String> child = new ArrayList<>(path);
        child.add(e.key());
        b.entries.set(i, new Entry(e.key(), value(e.value(), child, stack)));
        top.clear();
      }
      for (Relocation m : moves) {
        b.entries.removeIf(x -> x == m.entry);
        m.targets.get(0).branch().entries.add(m.entry);
      }
    }

    private List<List<String>> push(List<List<String>> stack) {
      List<List<String>> s = new ArrayList<>(stack);
      s.add(new ArrayList<>());
      return s;
    }
  }

  /** The mappings that end just before entry {@code index}: the previous value, its last value, ... */
  private static List<Relocation.Target> trailingBranches(Branch b, int index, List<String> path) {
    List<Relocation.Target> out = new ArrayList<>();
    Entry prev = null;
    for (int j = index - 1; j >= 0; j--) {
      if (!b.entries.get(j).isComment()) {
        prev = b.entries.get(j);
        break;
      }
    }
    if (prev == null) return out;
    List<String> p = new ArrayList<>(path);
    p.add(prev.key());
    Node n = prev.value();
    while (true) {
      if (n instanceof Branch nb) {
        out.add(new Relocation.Target(List.copyOf(p), nb));
        Entry last = null;
        for (int j = nb.entries.size() - 1; j >= 0; j--) {
          if (!nb.entries.get(j).isComment()) {
            last = nb.entries.get(j);
            break;
          }
        }
        if (last == null) return out;
        p.add(last.key());
        n = last.value();
      } else if (n instanceof Sequence s) {
        Node last = null;
        for (int j = s.items.size() - 1; j >= 0; j--) {
          if (!(s.items.get(j) instanceof Comment)) {
            last = s.items.get(j);
            break;
          }
        }
        if (last == null) return out;
        n = last;
      } else {
        return out;
      }
    }
  }
}
