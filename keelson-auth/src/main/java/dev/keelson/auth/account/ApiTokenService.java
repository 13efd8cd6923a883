package dev.keelson.auth.account;

import dev.keelson.auth.AuthException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API tokens: {@code kst_<id>_<secret>}, 256 random bits of secret. The Secret keeps only a
 * SHA-256 of the whole token: with that much entropy a fast hash cannot be reversed, and it
 * keeps the check per request cheap (bcrypt there would cost every API call tens of ms).
 */
public final class ApiTokenService {
  public static final String PREFIX = "kst_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** @param token shown once, never stored */
  public record GeneratedToken(ApiToken stored, String token) {
    @Override
    public String toString() {
      return "GeneratedToken[" + stored + "]";
    }
  }

  private final AccountStore store;
  private final Clock clock;

  public ApiTokenService(AccountStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public static boolean looksLikeApiToken(String token) {
    return token.startsWith(PREFIX);
  }

  public GeneratedToken generate(String account, Optional<Duration> expiresIn) {
    byte[] idBytes = new byte[8];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    ApiToken stored = new ApiToken(id, account, now, expiresIn.map(now::plus), sha256(token));
    store.update(account, a -> {
      List<ApiToken> tokens = new ArrayList<>(a.tokens());
      tokens.add(stored);
      return new Account(a.name(), a.passwordHash(), tokens);
    });
    return new GeneratedToken(stored, token);
  }

  /** @return whether a token with this id existed */
  public boolean revoke(String id) {
    Optional<ApiToken> t = store.token(id);
    if (t.isEmpty()) return false;
    store.update(t.get().account(), a -> new Account(a.name(), a.passwordHash(),
        a.tokens().stream().filter(x -> !x.id().equals(id)).toList()));
    return true;
  }

  /** @throws AuthException UNAUTHENTICATED for an unknown, revoked or expired token */
  public ApiToken verify(String token) throws AuthException {
    String rest = token.startsWith(PREFIX) ? token.substring(PREFIX.length()) : "";
    int sep = rest.indexOf('_');
    if (sep <= 0) throw unauthenticated("invalid API token");
    Optional<ApiToken> stored = store.token(rest.substring(0, sep));
    byte[] presented = sha256(token).getBytes(StandardCharsets.US_ASCII);
    if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().sha256().getBytes(StandardCharsets.US_ASCII), presented)) {
      throw unauthenticated("invalid API token");
    }
    if (stored.get().expiredAt(clock.instant())) throw unauthenticated("API token expired");
    return stored.get();
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AuthException unauthenticated(String message) {
    return new AuthException(AuthException.Kind.UNAUTHENTICATED, message);
  }
}
