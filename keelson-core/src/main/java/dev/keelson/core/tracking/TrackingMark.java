package dev.keelson.core.tracking;

import dev.keelson.core.model.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The mark every managed object carries. The annotation {@value #ANNOTATION} is authoritative
 * and names both the app and the object itself ({@code <appNs>/<app>:<group>/<kind>:<ns>/<name>},
 * as Argo CD's tracking-id does), so an object copied under another name is not mistaken for a
 * managed one. The label {@value #LABEL} exists so that watches can select managed objects on
 * the server side; label values are limited to 63 characters, hence the hash for long names.
 */
public final class TrackingMark {
  public static final String ANNOTATION = "keelson.dev/tracking-id";
  public static final String LABEL = "keelson.dev/app";

  private TrackingMark() {}

  public static String trackingId(AppRef app, ResourceKey key) {
    return app.namespace() + "/" + app.name() + ":" + key.group() + "/" + key.kind() + ":"
        + key.namespace() + "/" + key.name();
  }

  /** The app named by a tracking id, if it is one. */
  public static Optional<AppRef> appOf(String trackingId) {
    if (trackingId == null) return Optional.empty();
    int colon = trackingId.indexOf(':');
    int slash = trackingId.indexOf('/');
    if (colon < 0 || slash < 0 || slash > colon) return Optional.empty();
    return Optional.of(new AppRef(trackingId.substring(0, slash), trackingId.substring(slash + 1, colon)));
  }

  public static String labelValue(AppRef app) {
    String plain = app.namespace() + "." + app.name();
    if (plain.length() <= 63) return plain;
    return plain.substring(0, 46) + "-" + sha256(plain).substring(0, 16);
  }

  /** The tracking id found on a live object, if any. */
  public static Optional<String> trackingIdOf(Map<String, Object> object) {
    Object v = Maps.path(object, "metadata", "annotations", ANNOTATION);
    return v instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** True when the live object carries exactly this app's mark for this object. */
  public static boolean isManagedBy(Map<String, Object> live, AppRef app, ResourceKey key) {
    return trackingIdOf(live).map(id -> id.equals(trackingId(app, key))).orElse(false);
  }

  /** A copy of the desired object with the label and annotation added. */
  public static Map<String, Object> stamp(Map<String, Object> desired, AppRef app, ResourceKey key) {
    Map<String, Object> copy = Maps.deepCopy(desired);
    Map<String, Object> metadata = Maps.child(copy, "metadata");
    Maps.child(metadata, "labels").put(LABEL, labelValue(app));
    Maps.child(metadata, "annotations").put(ANNOTATION, trackingId(app, key));
    return copy;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Avoids a dependency for three map helpers. */
  static final class Maps {
    static Object path(Map<String, Object> m, String... keys) {
      Object cur = m;
      for (String k : keys) {
        if (!(cur instanceof Map<?, ?> map)) return null;
        cur = map.get(k);
      }
      return cur;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> m, String key) {
      Object v = m.get(key);
      if (v instanceof Map<?, ?>) return (Map<String, Object>) v;
      Map<String, Object> created = new LinkedHashMap<>();
      m.put(key, created);
      return created;
    }

    static Map<String, Object> deepCopy(Map<String, Object> m) {
      return dev.keelson.core.diff.JsonValues.deepCopy(m);
    }
  }
}
