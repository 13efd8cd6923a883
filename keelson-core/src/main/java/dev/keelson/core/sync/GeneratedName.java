package dev.keelson.core.sync;

import dev.keelson.core.diff.JsonValues;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Hooks written with {@code metadata.generateName} instead of a name (Argo CD's examples run
 * their PreSync Jobs so). Each run of such a hook is a fresh object whose name is the prefix
 * followed by a suffix derived from the run (the operation id) and the hook's place in the
 * source, so a resumed operation computes the same name and recognises the instance it created,
 * while the next operation gets a new one. The rendered object is identified by its prefix until
 * then.
 */
public final class GeneratedName {
  /** Job names become the {@code job-name} label of their pods, which allows 63 characters. */
  static final int MAX_NAME = 63;
  static final int SUFFIX = 10;

  private GeneratedName() {}

  /** The prefix of an object that has {@code generateName} and no name, or null. */
  public static String prefixOf(Map<String, Object> object) {
    Object name = JsonValues.path(object, "metadata", "name");
    Object generate = JsonValues.path(object, "metadata", "generateName");
    boolean unnamed = name == null || "".equals(name);
    return unnamed && generate instanceof String prefix && !prefix.isEmpty() ? prefix : null;
  }

  /**
   * The name of one run's instance: at most {@value #MAX_NAME} characters, the prefix shortened
   * if it must be, as the API server does for its own generated names.
   *
   * @param run identifies the run (an operation id); the same run gives the same name
   * @param origin the hook's place in the source, so two hooks sharing a prefix differ
   */
  public static String instanceName(String prefix, String run, String origin) {
    String base = prefix.length() > MAX_NAME - SUFFIX ? prefix.substring(0, MAX_NAME - SUFFIX) : prefix;
    return base + suffix(run + "\n" + origin);
  }

  /**
   * One run's instance of a hook: the object named by {@link #instanceName} and tracked under
   * that name. {@code generateName} is kept in the object (the API server stores it beside the
   * name), so instances of the hook can be found later by their prefix. A hook that has a name
   * is returned as it is.
   */
  public static Manifest instance(Manifest hook, AppRef app, String run) {
    String prefix = prefixOf(hook.body());
    if (prefix == null) {
      return hook;
    }
    String name = instanceName(prefix, run, hook.origin());
    ResourceKey key = hook.key().withName(name);
    Map<String, Object> body = JsonValues.deepCopy(hook.body());
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
    metadata.put("name", name);
    return new Manifest(key, hook.apiVersion(), TrackingMark.stamp(body, app, key), hook.origin());
  }

  private static String suffix(String seed) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, SUFFIX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
