package dev.keelson.auth.session;

import java.time.Duration;

/** @param lifetime how long a session token holds (Argo CD's default: 24h) */
public record SessionOptions(Duration lifetime) {
  public static SessionOptions defaults() {
    return new SessionOptions(Duration.ofHours(24));
  }
}
