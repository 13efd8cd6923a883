package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.Node.Branch;
import dev.keelson.secrets.sops.Node.Entry;
import dev.keelson.secrets.sops.Node.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * sops's flattened metadata for formats without nesting (dotenv, INI): {@code age__list_0__map_enc}.
 * The encoding is sops's own ({@code stores/flatten.go}), so it is written here.
 */
final class Flattening {
  private static final String MAP = "__map_";
  private static final String LIST = "__list_";

  private Flattening() {}

  static List<Entry> flatten(Branch b, String prefix) {
    List<Entry> out = new ArrayList<>();
    descendMap(b, prefix, out);
    return out;
  }

  private static void descend(Node value, String key, List<Entry> out) {
    if (value instanceof Branch b) {
      descendMap(b, key + MAP, out);
    } else if (value instanceof Sequence s) {
      int i = 0;
      for (Node item : s.items) {
        if (item instanceof Node.Comment) continue;
        descend(item, key + LIST + i, out);
        i++;
      }
    } else {
      out.add(new Entry(key, value));
    }
  }

  private static void descendMap(Branch b, String prefix, List<Entry> out) {
    for (Entry e : b.entries) {
      if (!e.isComment()) descend(e.value(), prefix + e.key(), out);
    }
  }

  /** The nested tree back from flat entries whose keys no longer carry the prefix. */
  static Branch unflatten(List<Entry> flat) {
    Tmp root = new Tmp();
    for (Entry e : flat) {
      Tmp n = root;
      for (Object token : tokenize(e.key())) {
        n = token instanceof Integer i ? n.indices.computeIfAbsent(i, k -> new Tmp()) : n.keys.computeIfAbsent((String) token, k -> new Tmp());
      }
      n.value = e.value();
    }
    return (Branch) root.build();
  }

  private static final class Tmp {
    final Map<String, Tmp> keys = new java.util.LinkedHashMap<>();
    final Map<Integer, Tmp> indices = new TreeMap<>();
    Node value;

    Node build() {
      if (value != null) return value;
      if (!indices.isEmpty()) {
        List<Node> items = new ArrayList<>();
        for (Tmp t : indices.values()) items.add(t.build());
        return new Sequence(items);
      }
      Branch b = new Branch();
      keys.forEach((k, t) -> b.entries.add(new Entry(k, t.build())));
      return b;
    }
  }

  private static List<Object> tokenize(String path) {
    List<Object> tokens = new ArrayList<>();
    int state = 0; // 0 normal, 1 map, 2 list
    int last = 0;
    int i = 0;
    while (i <= path.length()) {
      boolean atEnd = i == path.length();
      boolean map = !atEnd && path.startsWith(MAP, i);
      boolean list = !atEnd && path.startsWith(LIST, i);
      if (atEnd || map || list) {
        String piece = switch (state) {
          case 1 -> path.substring(last + MAP.length(), i);
          case 2 -> path.substring(last + LIST.length(), i);
          default -> path.substring(last, i);
        };
        if (state == 2) {
          int n;
          try {
            n = Integer.parseInt(piece);
          } catch (NumberFormatException e) {
            n = 0;
          }
          tokens.add(n);
        } else {
          tokens.add(piece);
        }
        if (atEnd) break;
        last = i;
        state = map ? 1 : 2;
        i += map ? MAP.length() : LIST.length();
      } else {
        i++;
      }
    }
    return tokens;
  }
}
