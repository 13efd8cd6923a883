package dev.keelson.core.manifest;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a YAML or JSON reader produced into the plain JSON model every other part of Keelson
 * works on: string keys, {@link LinkedHashMap}, {@link ArrayList}, String, Integer/Long/BigInteger,
 * Double, Boolean and null.
 *
 * <p>Every container is copied, so YAML aliases never leave two places of a manifest sharing one
 * mutable map. Because that copy expands aliases, the number of nodes is capped: a few dozen nested
 * aliases could otherwise expand into billions of nodes.
 */
final class JsonModel {

  static final int MAX_NODES = 2_000_000;
  static final int MAX_DEPTH = 500;

  /** Raised when a document cannot be represented as JSON; the message is user-facing. */
  static final class UnsupportedValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedValueException(String message) {
      super(message, null, false, false);
    }
  }

  private int nodes;

  private JsonModel() {}

  static Object normalize(Object value) {
    return new JsonModel().copy(value, 0);
  }

  private Object copy(Object value, int depth) {
    if (++nodes > MAX_NODES) {
      throw new UnsupportedValueException(
          "document is too large after expanding YAML aliases (more than " + MAX_NODES + " values)");
    }
    if (depth > MAX_DEPTH) {
      throw new UnsupportedValueException(
          "document is nested more than " + MAX_DEPTH + " levels deep (recursive YAML alias?)");
    }
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        // JSON (and therefore the Kubernetes API) has no representation for these.
        throw new UnsupportedValueException("unsupported number " + d + " (not representable in JSON)");
      }
      return d;
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).intValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        // Kubernetes' YAML-to-JSON conversion turns non-string keys (1, true, null) into strings.
        out.put(String.valueOf(e.getKey()), copy(e.getValue(), depth + 1));
      }
      return out;
    }
    if (value instanceof Collection<?> items) {
      List<Object> out = new ArrayList<>(items.size());
      for (Object item : items) {
        out.add(copy(item, depth + 1));
      }
      return out;
    }
    if (value instanceof Object[] array) {
      List<Object> out = new ArrayList<>(array.length);
      for (Object item : array) {
        out.add(copy(item, depth + 1));
      }
      return out;
    }
    return value.toString();
  }
}
