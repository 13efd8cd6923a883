package dev.keelson.source;

import java.util.ArrayList;
import java.util.List;

/** Removes URL userinfo and known secret values from text that may reach logs or users. */
final class Redactor {

  static final Redactor URLS_ONLY = new Redactor(List.of());

  /** Shorter values would mangle ordinary words in messages and are no real secret anyway. */
  private static final int MIN_SECRET_LENGTH = 3;

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  static Redactor forCredentials(GitCredentials credentials) {
    List<String> secrets = new ArrayList<>();
    if (credentials instanceof GitCredentials.Basic basic) {
      secrets.add(basic.password());
    } else if (credentials instanceof GitCredentials.Token token) {
      secrets.add(token.token());
    } else if (credentials instanceof GitCredentials.SshKey key) {
      secrets.add(key.privateKeyPem());
      secrets.add(key.passphrase());
    }
    secrets.removeIf(s -> s == null || s.length() < MIN_SECRET_LENGTH);
    // Longest first, so a secret containing another one is replaced whole.
    secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return new Redactor(List.copyOf(secrets));
  }

  String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, "***");
    }
    return Urls.redact(result);
  }
}
