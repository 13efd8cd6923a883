package dev.keelson.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The web UI's files as packaged in this jar under {@code META-INF/keelson-ui/}, found by the
 * request path a server received. See docs/ui.md for how a server mounts them.
 */
public final class UiAssets {
  static final String ROOT = "META-INF/keelson-ui/";
  static final String INDEX = "index.html";

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  /** One file of the UI: its bytes, its content type and whether it may be cached for ever. */
  public record Asset(String path, byte[] content, String contentType, boolean immutable) {
    /** The Cache-Control value to send with it. */
    public String cacheControl() {
      // Hashed file names change with their content; index.html names them, so it is revalidated.
      return immutable ? "public, max-age=31536000, immutable" : "no-cache";
    }
  }

  private final ClassLoader loader;

  public UiAssets() {
    this(UiAssets.class.getClassLoader());
  }

  UiAssets(ClassLoader loader) {
    this.loader = loader;
  }

  /** True when this jar was built with the bundle (not with -Dkeelson.skipWeb). */
  public boolean present() {
    return loader.getResource(ROOT + INDEX) != null;
  }

  /**
   * The file at a request path such as {@code /assets/index-1a2b3c.js}; empty when there is none
   * or the path tries to leave the UI's directory.
   */
  public Optional<Asset> find(String requestPath) {
    String rel = normalise(requestPath);
    // No file name of the bundle has an escape; refusing them keeps encoded dots out of lookups.
    if (rel == null || rel.contains("%")) return Optional.empty();
    if (rel.isEmpty()) rel = INDEX;
    try (InputStream in = loader.getResourceAsStream(ROOT + rel)) {
      if (in == null) return Optional.empty();
      return Optional.of(new Asset(rel, in.readAllBytes(), contentType(rel), isHashed(rel)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What to answer a GET for a path outside {@code /api/} and {@code /auth/}: the file, or for
   * a page path of the single-page app (no file extension) index.html, which routes it in the
   * browser. A missing asset stays missing, so a stale hashed name gets a 404, not HTML.
   */
  public Optional<Asset> resolve(String requestPath) {
    Optional<Asset> file = find(requestPath);
    if (file.isPresent()) return file;
    String rel = normalise(requestPath);
    if (rel == null || rel.startsWith("assets/") || lastSegment(rel).contains(".")) return Optional.empty();
    return find("/" + INDEX);
  }

  static String contentType(String path) {
    String name = lastSegment(path);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  /** Vite names built assets {@code name-HASH.ext} under assets/; only those are immutable. */
  static boolean isHashed(String rel) {
    return rel.startsWith("assets/") && lastSegment(rel).matches(".+-[A-Za-z0-9_-]{8,}\\.[a-z0-9]+");
  }

  /** The path relative to the UI root, or null when it is not a plain path inside it. */
  static String normalise(String requestPath) {
    if (requestPath == null) return null;
    int q = requestPath.indexOf('?');
    String p = q < 0 ? requestPath : requestPath.substring(0, q);
    while (p.startsWith("/")) p = p.substring(1);
    if (p.contains("\\") || p.contains("\0")) return null;
    for (String seg : p.split("/", -1)) {
      if (seg.equals("..") || seg.equals(".")) return null;
    }
    if (p.contains("//")) return null;
    return p;
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
