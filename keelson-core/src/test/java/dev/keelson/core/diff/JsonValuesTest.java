package dev.keelson.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  private static List<Object> list(Object... items) {
    return new ArrayList<>(Arrays.asList(items));
  }

  @Nested
  @DisplayName("canonicalJson")
  class CanonicalJson {
    @Test
    @DisplayName("is compact JSON with keys sorted at every depth")
    void sortedCompact() {
      Map<String, Object> value = map("z", 1, "a", map("y", "2", "b", list(map("d", true, "c", null))));

      assertThat(JsonValues.canonicalJson(value))
          .isEqualTo("{\"a\":{\"b\":[{\"c\":null,\"d\":true}],\"y\":\"2\"},\"z\":1}");
    }

    @Test
    @DisplayName("keeps list order")
    void listOrderKept() {
      assertThat(JsonValues.canonicalJson(list(3, 1, 2))).isEqualTo("[3,1,2]");
    }

    @Test
    @DisplayName("writes 1, 1L and 1.0 alike, and keeps fractions")
    void numbers() {
      assertThat(JsonValues.canonicalJson(1)).isEqualTo("1");
      assertThat(JsonValues.canonicalJson(1L)).isEqualTo("1");
      assertThat(JsonValues.canonicalJson(1.0)).isEqualTo("1");
      assertThat(JsonValues.canonicalJson((short) 1)).isEqualTo("1");
      assertThat(JsonValues.canonicalJson(1.5)).isEqualTo("1.5");
    }

    @Test
    @DisplayName("equal JSON in different key orders gives the same text")
    void orderIndependent() {
      assertThat(JsonValues.canonicalJson(map("a", 1, "b", 2)))
          .isEqualTo(JsonValues.canonicalJson(map("b", 2L, "a", 1.0)));
    }
  }

  @Nested
  @DisplayName("canonical")
  class Canonical {
    @Test
    @DisplayName("widens ints, shorts and bytes to long, and narrows integral doubles to long")
    void widens() {
      assertThat(JsonValues.canonical(7)).isEqualTo(7L);
      assertThat(JsonValues.canonical((short) 7)).isEqualTo(7L);
      assertThat(JsonValues.canonical((byte) 7)).isEqualTo(7L);
      assertThat(JsonValues.canonical(7.0)).isEqualTo(7L);
      assertThat(JsonValues.canonical(-7.0)).isEqualTo(-7L);
      assertThat(JsonValues.canonical(7.25)).isEqualTo(7.25);
    }

    @Test
    @DisplayName("leaves non-finite doubles, strings, booleans and null alone")
    void leavesOthers() {
      assertThat(JsonValues.canonical(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
      assertThat(JsonValues.canonical(Double.NaN)).isEqualTo(Double.NaN);
      assertThat(JsonValues.canonical("7")).isEqualTo("7");
      assertThat(JsonValues.canonical(true)).isEqualTo(true);
      assertThat(JsonValues.canonical(null)).isNull();
    }

    @Test
    @DisplayName("does not modify its input")
    void inputUntouched() {
      Map<String, Object> value = map("b", 1, "a", list(2.0));
      Map<String, Object> before = JsonValues.deepCopy(value);

      JsonValues.canonical(value);

      assertThat(value).isEqualTo(before);
      assertThat(value.keySet()).containsExactly("b", "a");
    }
  }

  @Nested
  @DisplayName("deepCopy")
  class DeepCopy {
    @Test
    @DisplayName("is equal to the original")
    void equal() {
      Map<String, Object> original = map("a", map("b", list(1, map("c", "d"))), "e", null);

      assertThat(JsonValues.deepCopy(original)).isEqualTo(original);
    }

    @Test
    @DisplayName("changes to the copy at any depth leave the original alone")
    @SuppressWarnings("unchecked")
    void copyIndependent() {
      Map<String, Object> original = map("a", map("b", list(1, map("c", "d"))));
      Map<String, Object> before = JsonValues.deepCopy(original);
      Map<String, Object> copy = JsonValues.deepCopy(original);

      Map<String, Object> a = (Map<String, Object>) copy.get("a");
      List<Object> b = (List<Object>) a.get("b");
      ((Map<String, Object>) b.get(1)).put("c", "changed");
      b.add(2);
      a.put("new", true);
      copy.put("top", 1);

      assertThat(original).isEqualTo(before);
    }

    @Test
    @DisplayName("changes to the original leave the copy alone")
    @SuppressWarnings("unchecked")
    void originalIndependent() {
      Map<String, Object> original = map("a", map("b", list(1)));
      Map<String, Object> copy = JsonValues.deepCopy(original);

      ((List<Object>) ((Map<String, Object>) original.get("a")).get("b")).add(2);

      assertThat(JsonValues.path(copy, "a", "b")).isEqualTo(List.of(1));
    }

    @Test
    @DisplayName("turns immutable maps and lists into mutable ones, keeping key order")
    @SuppressWarnings("unchecked")
    void mutableCopies() {
      Map<String, Object> immutable = Map.of("a", List.of(Map.of("b", 1)));
      Map<String, Object> copy = JsonValues.deepCopy(immutable);

      copy.put("x", 1);
      ((List<Object>) copy.get("a")).add(2);
      ((Map<String, Object>) ((List<Object>) copy.get("a")).get(0)).put("c", 3);

      assertThat(copy).containsKeys("a", "x");
      Map<String, Object> ordered = map("z", 1, "a", 2, "m", 3);
      assertThat(JsonValues.deepCopy(ordered).keySet()).containsExactly("z", "a", "m");
    }

    @Test
    @DisplayName("returns scalars and null as they are")
    void scalars() {
      assertThat(JsonValues.deepCopy("s")).isEqualTo("s");
      assertThat(JsonValues.deepCopy(5L)).isEqualTo(5L);
      assertThat((Object) JsonValues.deepCopy(null)).isNull();
    }
  }

  @Nested
  @DisplayName("semanticallyEqual")
  class SemanticallyEqual {
    @Test
    @DisplayName("1, 1L and 1.0 are equal")
    void numberWidths() {
      assertThat(JsonValues.semanticallyEqual(1, 1L)).isTrue();
      assertThat(JsonValues.semanticallyEqual(1L, 1.0)).isTrue();
      assertThat(JsonValues.semanticallyEqual(1.0, 1)).isTrue();
    }

    @Test
    @DisplayName("different numbers, and numbers and strings, are not equal")
    void different() {
      assertThat(JsonValues.semanticallyEqual(1, 1.5)).isFalse();
      assertThat(JsonValues.semanticallyEqual(1, 2L)).isFalse();
      assertThat(JsonValues.semanticallyEqual(1, "1")).isFalse();
      assertThat(JsonValues.semanticallyEqual(true, "true")).isFalse();
    }

    @Test
    @DisplayName("maps compare by content whatever the key order and number widths inside")
    void nested() {
      Map<String, Object> a = map("spec", map("replicas", 3, "ports", list(map("port", 80, "name", "http"))));
      Map<String, Object> b = map("spec", map("ports", list(map("name", "http", "port", 80.0)), "replicas", 3L));

      assertThat(JsonValues.semanticallyEqual(a, b)).isTrue();
    }

    @Test
    @DisplayName("list order, missing keys and null values matter")
    void structureMatters() {
      assertThat(JsonValues.semanticallyEqual(list(1, 2), list(2, 1))).isFalse();
      assertThat(JsonValues.semanticallyEqual(map("a", 1), map("a", 1, "b", 2))).isFalse();
      assertThat(JsonValues.semanticallyEqual(map("a", null), map())).isFalse();
      assertThat(JsonValues.semanticallyEqual(map("a", null), map("a", null))).isTrue();
    }
  }

  @Nested
  @DisplayName("path")
  class Path {
    @Test
    @DisplayName("walks nested maps")
    void walks() {
      Map<String, Object> obj = map("metadata", map("labels", map("app", "web")));

      assertThat(JsonValues.path(obj, "metadata", "labels", "app")).isEqualTo("web");
      assertThat(JsonValues.path(obj)).isSameAs(obj);
    }

    @Test
    @DisplayName("is null for a missing key or a non-map on the way")
    void missing() {
      Map<String, Object> obj = map("metadata", map("name", "web"), "list", list(1));

      assertThat(JsonValues.path(obj, "metadata", "labels", "app")).isNull();
      assertThat(JsonValues.path(obj, "metadata", "name", "x")).isNull();
      assertThat(JsonValues.path(obj, "list", "0")).isNull();
      assertThat(JsonValues.path(null, "a")).isNull();
    }
  }
}
