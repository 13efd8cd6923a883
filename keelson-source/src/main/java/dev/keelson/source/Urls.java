package dev.keelson.source;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Repository URL helpers: redaction for messages and normalization for cache keys. */
public final class Urls {

  /** {@code scheme://userinfo@} anywhere in a text; userinfo cannot contain '/', '@' or spaces. */
  private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");

  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://(.*)$");

  /** scp-like syntax {@code [user@]host:path}; a one-letter host would be a Windows drive. */
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:([^@/]+)@)?([^@/:]{2,}):(.*)$");

  private Urls() {}

  /**
   * Strips {@code user:password@} (or {@code user@}) from every URL in {@code text}. Works on a
   * bare URL as well as on a message that contains URLs.
   */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    return USERINFO.matcher(text).replaceAll("$1");
  }

  /**
   * A canonical form used as the cache key, so that spellings of the same repository share one
   * clone: case-insensitive scheme and host, no userinfo, no default port, no trailing slash,
   * and for remote URLs no {@code .git} suffix (hosts serve {@code repo} and {@code repo.git}
   * alike; on a local disk they are different directories, so there it is kept). Local paths and
   * {@code file://} URLs become the same absolute {@code file://} form.
   */
  public static String normalize(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("repository URL is empty");
    }
    String trimmed = url.strip();
    Matcher scheme = SCHEME.matcher(trimmed);
    if (scheme.matches()) {
      String name = scheme.group(1).toLowerCase(Locale.ROOT);
      if (name.equals("file")) {
        return "file://" + localPath(trimmed);
      }
      return normalizeRemote(name, scheme.group(2));
    }
    Matcher scp = SCP_LIKE.matcher(trimmed);
    if (scp.matches()) {
      String host = scp.group(2).toLowerCase(Locale.ROOT);
      return "scp://" + host + ":" + stripSuffixes(scp.group(3));
    }
    return "file://" + Path.of(trimmed).toAbsolutePath().normalize();
  }

  /** True for {@code ssh://}, {@code git+ssh://} and scp-like {@code user@host:path} URLs. */
  public static boolean isSsh(String url) {
    String trimmed = url.strip();
    Matcher scheme = SCHEME.matcher(trimmed);
    if (scheme.matches()) {
      String name = scheme.group(1).toLowerCase(Locale.ROOT);
      return name.equals("ssh") || name.equals("git+ssh") || name.equals("ssh+git");
    }
    return SCP_LIKE.matcher(trimmed).matches();
  }

  /** A short, file-system-safe, collision-free directory name for a normalized URL. */
  static String directoryName(String normalizedUrl) {
    String readable = normalizedUrl.replaceFirst("^[a-z+]+:/*", "").replaceAll("[^A-Za-z0-9._-]+", "_");
    if (readable.length() > 60) {
      readable = readable.substring(readable.length() - 60);
    }
    return readable + "-" + sha256(normalizedUrl).substring(0, 16);
  }

  private static String normalizeRemote(String scheme, String rest) {
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    int at = authority.lastIndexOf('@');
    String hostPort = (at < 0 ? authority : authority.substring(at + 1)).toLowerCase(Locale.ROOT);
    String defaultPort =
        switch (scheme) {
          case "https" -> ":443";
          case "http" -> ":80";
          case "ssh", "git+ssh", "ssh+git" -> ":22";
          case "git" -> ":9418";
          default -> null;
        };
    if (defaultPort != null && hostPort.endsWith(defaultPort)) {
      hostPort = hostPort.substring(0, hostPort.length() - defaultPort.length());
    }
    if (scheme.equals("git+ssh") || scheme.equals("ssh+git")) {
      scheme = "ssh";
    }
    return scheme + "://" + hostPort + stripSuffixes(path);
  }

  private static String stripSuffixes(String path) {
    String result = path;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    if (result.endsWith(".git")) {
      result = result.substring(0, result.length() - 4);
    }
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  private static String localPath(String fileUrl) {
    try {
      return Path.of(URI.create(fileUrl)).toAbsolutePath().normalize().toString();
    } catch (IllegalArgumentException e) {
      // Non-standard forms such as file://relative/path or unescaped spaces.
      return Path.of(fileUrl.substring("file://".length())).toAbsolutePath().normalize().toString();
    }
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }
}
