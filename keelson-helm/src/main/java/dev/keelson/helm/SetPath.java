package dev.keelson.helm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm's {@code --set} key syntax ({@code a.b}, {@code list[0].name}, {@code \.} escapes), turned
 * into the nested map a values file would hold. Used only where helm-java has no flag for the
 * assignment: {@code --set-string} of a value Helm would type, and valuesFrom's targetPath.
 */
final class SetPath {

  private SetPath() {}

  static Map<String, Object> nest(String path, Object value) throws HelmRenderException {
    List<Object> keys = parse(path);
    if (keys.isEmpty() || !(keys.get(0) instanceof String)) {
      throw new HelmRenderException("", "invalid value path '" + path + "'");
    }
    Object current = value;
    for (int i = keys.size() - 1; i >= 0; i--) {
      Object key = keys.get(i);
      if (key instanceof Integer index) {
        List<Object> list = new ArrayList<>();
        for (int j = 0; j < index; j++) {
          list.add(null);
        }
        list.add(current);
        current = list;
      } else {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put((String) key, current);
        current = map;
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) current;
    return root;
  }

  /** Keys (String) and list indexes (Integer), in order. */
  static List<Object> parse(String path) throws HelmRenderException {
    List<Object> keys = new ArrayList<>();
    StringBuilder name = new StringBuilder();
    boolean pending = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length()) {
        name.append(path.charAt(++i));
        pending = true;
      } else if (c == '.') {
        if (pending) {
          keys.add(name.toString());
        }
        name.setLength(0);
        pending = false;
      } else if (c == '[') {
        if (pending) {
          keys.add(name.toString());
        }
        name.setLength(0);
        pending = false;
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw new HelmRenderException("", "invalid value path '" + path + "': unclosed [");
        }
        try {
          int index = Integer.parseInt(path.substring(i + 1, close));
          if (index < 0 || index > 65536) {
            throw new NumberFormatException();
          }
          keys.add(index);
        } catch (NumberFormatException e) {
          throw new HelmRenderException("", "invalid value path '" + path + "': bad list index");
        }
        i = close;
      } else {
        name.append(c);
        pending = true;
      }
    }
    if (pending) {
      keys.add(name.toString());
    }
    return keys;
  }

  /** Whether {@code --set} would turn the text into a number, boolean or null (Helm's typedVal). */
  static boolean helmWouldType(String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") || value.equals("null")
        || value.equals("0")) {
      return true;
    }
    if (value.isEmpty() || value.charAt(0) == '0') {
      return false;
    }
    try {
      Long.parseLong(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
