package dev.keelson.server.index;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the next page starts: the key of the last app returned, opaque to clients. Keyed rather
 * than an offset, so an app created or deleted meanwhile neither repeats nor skips another.
 */
public final class ContinueToken {
  private static final String VERSION = "v1:";

  private ContinueToken() {}

  public static String of(AppKey last) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((VERSION + last.namespace() + "/" + last.name()).getBytes(StandardCharsets.UTF_8));
  }

  /** Empty when the token is not one of ours. */
  public static Optional<AppKey> parse(String token) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!s.startsWith(VERSION)) return Optional.empty();
      String rest = s.substring(VERSION.length());
      int slash = rest.indexOf('/');
      if (slash <= 0 || slash == rest.length() - 1) return Optional.empty();
      return Optional.of(new AppKey(rest.substring(0, slash), rest.substring(slash + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
