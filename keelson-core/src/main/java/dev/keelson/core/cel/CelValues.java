package dev.keelson.core.cel;

import com.google.protobuf.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the JSON model (what the manifest parser and the Kubernetes client produce) into the
 * values cel-java's runtime understands.
 *
 * <p>cel-java only knows {@code Long} for int and {@code Double} for double: an {@code Integer}
 * is not an error, it just matches no overload, so {@code self.status.replicas >= 1} works while
 * {@code self.status.replicas >= self.status.readyReplicas} fails when one of them came in as an
 * Integer. And a Java {@code null} in a map is read as an unknown value, so {@code x == null}
 * would not even be a boolean. Hence a deep copy with every number widened and every null made
 * CEL's null.
 */
final class CelValues {
  private CelValues() {}

  static Object toCel(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof BigInteger big) {
      // JSON allows integers past int64; CEL has no such int, so the nearest double stands in.
      return big.bitLength() < Long.SIZE ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof BigDecimal dec) {
      return dec.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(String.valueOf(e.getKey()), toCel(e.getValue()));
      }
      return out;
    }
    if (value instanceof Collection<?> items) {
      List<Object> out = new ArrayList<>(items.size());
      for (Object item : items) {
        out.add(toCel(item));
      }
      return out;
    }
    // Anything else (a timestamp, bytes) is left for CEL to accept or reject.
    return value;
  }
}
