package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.Node.Branch;
import dev.keelson.secrets.sops.Node.Entry;
import dev.keelson.secrets.sops.Node.Sequence;
import dev.keelson.secrets.sops.Node.Str;
import dev.keelson.secrets.sops.SopsMetadata.AgeEntry;
import dev.keelson.secrets.sops.SopsMetadata.KeyGroup;
import dev.keelson.secrets.sops.SopsMetadata.PgpEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The {@code sops} mapping to and from {@link SopsMetadata}. Reading is weakly typed, as sops's
 * mapstructure decoding is (dotenv and INI files hold {@code "2"} and {@code "true"}); writing
 * sorts keys by name and leaves out empty fields, as sops does.
 */
final class MetadataTree {
  static final String KEY = "sops";
  private static final List<String> OTHER_KEY_TYPES = List.of("kms", "gcp_kms", "azure_kv", "hc_vault", "hckms");

  private MetadataTree() {}

  static SopsMetadata read(String file, Node node) throws SopsException {
    if (!(node instanceof Branch b)) throw new SopsException(file, "the sops metadata is not a mapping");
    List<KeyGroup> groups = new ArrayList<>();
    SopsMetadata.Layout layout = SopsMetadata.Layout.TOP_LEVEL;
    KeyGroup top = group(file, b);
    Node keyGroups = b.get("key_groups");
    if (!top.isEmpty() || !top.otherKeyTypes().isEmpty()) {
      groups.add(top);
    } else if (keyGroups instanceof Sequence s && !s.items.isEmpty()) {
      layout = SopsMetadata.Layout.KEY_GROUPS;
      for (Node g : s.items) {
        if (g instanceof Node.Comment) continue;
        if (!(g instanceof Branch gb)) throw new SopsException(file, "sops.key_groups holds an entry that is not a mapping");
        groups.add(group(file, gb));
      }
    }
    if (groups.isEmpty()) throw new SopsException(file, "the sops metadata lists no keys");
    SopsSelector selector = null;
    for (SopsSelector.Rule rule : SopsSelector.Rule.values()) {
      String v = string(b.get(rule.key));
      if (v == null || v.isEmpty()) continue;
      if (selector != null) {
        throw new SopsException(file, "the sops metadata sets more than one of encrypted_suffix, unencrypted_suffix, encrypted_regex, unencrypted_regex, encrypted_comment_regex, unencrypted_comment_regex");
      }
      try {
        selector = new SopsSelector(rule, v);
      } catch (IllegalArgumentException e) {
        throw new SopsException(file, "sops." + e.getMessage());
      }
    }
    String lastModified = string(b.get("lastmodified"));
    if (lastModified == null) throw new SopsException(file, "the sops metadata has no lastmodified");
    String threshold = string(b.get("shamir_threshold"));
    int shamir;
    try {
      shamir = threshold == null || threshold.isEmpty() ? 0 : Integer.parseInt(threshold);
    } catch (NumberFormatException e) {
      throw new SopsException(file, "sops.shamir_threshold is not a number");
    }
    String macOnly = string(b.get("mac_only_encrypted"));
    MacScope scope = macOnly != null && parseBool(macOnly) ? MacScope.ENCRYPTED_ONLY : MacScope.ALL_VALUES;
    return new SopsMetadata(groups, layout, shamir, lastModified, string(b.get("mac")),
        selector == null ? SopsSelector.defaults() : selector, scope, string(b.get("version")));
  }

  private static boolean parseBool(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "1", "t", "true", "on", "yes" -> true;
      default -> false;
    };
  }

  private static KeyGroup group(String file, Branch b) throws SopsException {
    List<AgeEntry> age = new ArrayList<>();
    for (Branch e : branches(file, b.get("age"), "age")) {
      age.add(new AgeEntry(orEmpty(string(e.get("recipient"))), orEmpty(string(e.get("enc")))));
    }
    List<PgpEntry> pgp = new ArrayList<>();
    for (Branch e : branches(file, b.get("pgp"), "pgp")) {
      pgp.add(new PgpEntry(orEmpty(string(e.get("fp"))), orEmpty(string(e.get("created_at"))), orEmpty(string(e.get("enc")))));
    }
    List<String> others = new ArrayList<>();
    for (String type : OTHER_KEY_TYPES) {
      if (b.get(type) instanceof Sequence s && !s.items.isEmpty()) others.add(type);
    }
    return new KeyGroup(age, pgp, others);
  }

  private static List<Branch> branches(String file, Node n, String what) throws SopsException {
    List<Branch> out = new ArrayList<>();
    if (n == null || n == Node.Null.NULL) return out;
    if (!(n instanceof Sequence s)) throw new SopsException(file, "sops." + what + " is not a list");
    for (Node item : s.items) {
      if (item instanceof Node.Comment) continue;
      if (!(item instanceof Branch ib)) throw new SopsException(file, "sops." + what + " holds an entry that is not a mapping");
      out.add(ib);
    }
    return out;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** A scalar as text, whatever its type (mapstructure's weak typing). */
  static String string(Node n) {
    if (n instanceof Str s) return s.text();
    if (n instanceof Node.Int i) return Long.toString(i.value());
    if (n instanceof Node.Bool b) return Boolean.toString(b.value());
    if (n instanceof Node.Float f) return GoFloat.format(f.value());
    return null;
  }

  static Branch write(SopsMetadata md) {
    List<Entry> entries = new ArrayList<>();
    if (md.layout() == SopsMetadata.Layout.KEY_GROUPS) {
      List<Node> groups = new ArrayList<>();
      for (KeyGroup g : md.keyGroups()) {
        List<Entry> ge = new ArrayList<>();
        // sops's keygroup struct has no omitempty on age and hc_vault.
        ge.add(new Entry("age", ageList(g.age())));
        ge.add(new Entry("hc_vault", new Sequence(List.of())));
        if (!g.pgp().isEmpty()) ge.add(new Entry("pgp", pgpList(g.pgp())));
        groups.add(new Branch(ge));
      }
      entries.add(new Entry("key_groups", new Sequence(groups)));
    } else {
      KeyGroup g = md.keyGroups().get(0);
      if (!g.age().isEmpty()) entries.add(new Entry("age", ageList(g.age())));
      if (!g.pgp().isEmpty()) entries.add(new Entry("pgp", pgpList(g.pgp())));
    }
    if (md.shamirThreshold() > 0) entries.add(new Entry("shamir_threshold", new Node.Int(md.shamirThreshold())));
    entries.add(new Entry("lastmodified", Str.of(md.lastModified())));
    entries.add(new Entry("mac", Str.of(md.mac())));
    entries.add(new Entry(md.selector().rule().key, Str.of(md.selector().value())));
    if (md.macScope() == MacScope.ENCRYPTED_ONLY) entries.add(new Entry("mac_only_encrypted", new Node.Bool(true)));
    entries.add(new Entry("version", Str.of(md.version())));
    entries.sort(Comparator.comparing(Entry::key));
    return new Branch(entries);
  }

  private static Sequence ageList(List<AgeEntry> age) {
    List<Node> items = new ArrayList<>();
    for (AgeEntry a : age) {
      items.add(new Branch(List.of(new Entry("enc", Str.of(a.enc())), new Entry("recipient", Str.of(a.recipient())))));
    }
    return new Sequence(items);
  }

  private static Sequence pgpList(List<PgpEntry> pgp) {
    List<Node> items = new ArrayList<>();
    for (PgpEntry p : pgp) {
      items.add(new Branch(List.of(new Entry("created_at", Str.of(p.createdAt())),
          new Entry("enc", Str.of(p.enc())), new Entry("fp", Str.of(p.fingerprint())))));
    }
    return new Sequence(items);
  }
}
