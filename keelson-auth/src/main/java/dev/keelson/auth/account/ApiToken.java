package dev.keelson.auth.account;

import java.time.Instant;
import java.util.Optional;

/**
 * An API token as stored: never the token itself, only its SHA-256.
 *
 * @param id shown by {@code account list}, named by {@code revoke-token}; part of the token
 */
public record ApiToken(String id, String account, Instant createdAt, Optional<Instant> expiresAt, String sha256) {
  public boolean expiredAt(Instant now) {
    return expiresAt.map(e -> !e.isAfter(now)).orElse(false);
  }

  @Override
  public String toString() {
    return "ApiToken[id=" + id + ", account=" + account + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
  }
}
