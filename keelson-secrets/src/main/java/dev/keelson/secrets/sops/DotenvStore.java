package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.Node.Branch;
import dev.keelson.secrets.sops.Node.Comment;
import dev.keelson.secrets.sops.Node.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * dotenv as sops's store reads it: {@code KEY=value} lines (everything after the first {@code =},
 * {@code \n} meaning a newline), {@code #} comment lines, blank lines dropped; no quoting rules.
 */
final class DotenvStore implements Store {

  @Override
  public MetadataLayout metadataLayout() {
    return MetadataLayout.FLAT_PREFIXED;
  }

  @Override
  public List<Branch> load(String file, byte[] content) throws SopsException {
    Branch b = new Branch();
    String text = new String(content, StandardCharsets.UTF_8);
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isEmpty()) continue;
      if (line.charAt(0) == '#') {
        b.entries.add(Entry.comment(Comment.ownLine(line.substring(1))));
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) throw new SopsException(file, "line " + lineNo + " is not KEY=value");
      b.entries.add(new Entry(line.substring(0, eq), Node.Str.of(line.substring(eq + 1).replace("\\n", "\n"))));
    }
    return new ArrayList<>(List.of(b));
  }

  @Override
  public byte[] emit(String file, List<Branch> documents) throws SopsException {
    StringBuilder out = new StringBuilder();
    for (Entry e : documents.get(0).entries) {
      if (e.isComment()) {
        out.append('#').append(((Comment) e.value()).text()).append('\n');
        continue;
      }
      if (e.value() instanceof Branch || e.value() instanceof Node.Sequence) {
        throw new SopsException(file, "dotenv cannot hold the nested value of '" + e.key() + "'");
      }
      String v = MetadataPlacement.scalarText(e.value());
      out.append(e.key()).append('=').append(v.replace("\n", "\\n")).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
