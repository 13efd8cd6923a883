package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.Node.Branch;
import dev.keelson.secrets.sops.Node.Entry;
import java.util.ArrayList;
import java.util.List;

/** Takes the metadata out of a loaded file and puts it into one to write, per sops's layouts. */
final class MetadataPlacement {
  private static final String PREFIX = MetadataTree.KEY + "_";

  private MetadataPlacement() {}

  /** Removes the metadata from the documents and returns it. */
  static SopsMetadata extract(String file, List<Branch> docs, Store.MetadataLayout layout) throws SopsException {
    if (docs.isEmpty()) throw new SopsException(file, "is not encrypted with sops (no sops metadata)");
    Node md = null;
    switch (layout) {
      case NESTED, FLAT_SECTION -> {
        boolean first = true;
        for (int d = 0; d < docs.size(); d++) {
          List<Entry> kept = new ArrayList<>();
          for (Entry e : docs.get(d).entries) {
            if (MetadataTree.KEY.equals(e.key())) {
              if (d == 0) {
                if (!first) throw new SopsException(file, "has more than one sops entry");
                first = false;
                md = e.value();
              }
            } else {
              kept.add(e);
            }
          }
          docs.get(d).entries.clear();
          docs.get(d).entries.addAll(kept);
        }
        if (md != null && layout == Store.MetadataLayout.FLAT_SECTION) {
          if (!(md instanceof Branch section)) throw new SopsException(file, "the sops section is not a section");
          List<Entry> flat = new ArrayList<>();
          for (Entry e : section.entries) {
            if (e.isComment()) continue;
            Node v = e.value() instanceof Node.Str s ? Node.Str.of(s.text().replace("\\n", "\n")) : e.value();
            flat.add(new Entry(e.key(), v));
          }
          md = Flattening.unflatten(flat);
        }
      }
      case FLAT_PREFIXED -> {
        List<Entry> flat = new ArrayList<>();
        List<Entry> kept = new ArrayList<>();
        for (Entry e : docs.get(0).entries) {
          if (!e.isComment() && e.key().startsWith(PREFIX)) {
            flat.add(new Entry(e.key().substring(PREFIX.length()), e.value()));
          } else {
            kept.add(e);
          }
        }
        docs.get(0).entries.clear();
        docs.get(0).entries.addAll(kept);
        if (!flat.isEmpty()) md = Flattening.unflatten(flat);
      }
      default -> throw new IllegalStateException();
    }
    if (md == null) throw new SopsException(file, "is not encrypted with sops (no sops metadata)");
    return MetadataTree.read(file, md);
  }

  /** Adds the metadata to every document (sops repeats it in each YAML document). */
  static void insert(String file, List<Branch> docs, SopsMetadata md, Store.MetadataLayout layout) throws SopsException {
    Branch tree = MetadataTree.write(md);
    for (Branch doc : docs) {
      for (Entry e : doc.entries) {
        if (e.isComment()) continue;
        boolean reserved = layout == Store.MetadataLayout.FLAT_PREFIXED ? e.key().startsWith(PREFIX) : MetadataTree.KEY.equals(e.key());
        if (reserved) {
          throw new SopsException(file, "has the key '" + e.key() + "', which sops reserves for its metadata (is the file already encrypted?)");
        }
      }
    }
    switch (layout) {
      case NESTED -> docs.forEach(d -> d.entries.add(new Entry(MetadataTree.KEY, tree)));
      case FLAT_SECTION -> {
        List<Entry> flat = new ArrayList<>();
        for (Entry e : Flattening.flatten(tree, "")) {
          flat.add(new Entry(e.key(), Node.Str.of(scalarText(e.value()).replace("\n", "\\n"))));
        }
        docs.forEach(d -> d.entries.add(new Entry(MetadataTree.KEY, new Branch(flat))));
      }
      case FLAT_PREFIXED -> {
        for (Entry e : Flattening.flatten(tree, PREFIX)) {
          docs.get(0).entries.add(new Entry(e.key(), Node.Str.of(scalarText(e.value()))));
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  /** sops's {@code ValToString}. */
  static String scalarText(Node v) {
    String s = MetadataTree.string(v);
    return s == null ? "" : s;
  }
}
