package dev.keelson.source;

import java.util.Map;
import java.util.Objects;

/**
 * Credentials for one Git remote, as read from the credentials Secret of an Application.
 *
 * <p>{@code toString()} of every variant masks the secret parts, because these values end up in
 * log statements and exception messages far away from where they were created.
 */
public sealed interface GitCredentials
    permits GitCredentials.None, GitCredentials.Basic, GitCredentials.Token, GitCredentials.SshKey {

  /** Username GitHub (and GitLab, Gitea) accept alongside an access token sent as HTTP basic. */
  String DEFAULT_TOKEN_USERNAME = "x-access-token";

  GitCredentials NONE = new None();

  /** Anonymous access. */
  record None() implements GitCredentials {
    @Override
    public String toString() {
      return "None";
    }
  }

  /** HTTP basic authentication. */
  record Basic(String username, String password) implements GitCredentials {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=***]";
    }
  }

  /**
   * An access token. Git hosts take tokens as the password of HTTP basic authentication; the
   * username is mostly ignored but must be non-empty, so {@code x-access-token} stands in when
   * the Secret names none.
   *
   * @param username nullable; {@link #effectiveUsername()} supplies the default
   */
  record Token(String token, String username) implements GitCredentials {
    public Token {
      Objects.requireNonNull(token, "token");
    }

    public Token(String token) {
      this(token, null);
    }

    public String effectiveUsername() {
      return username == null || username.isBlank() ? DEFAULT_TOKEN_USERNAME : username;
    }

    @Override
    public String toString() {
      return "Token[username=" + effectiveUsername() + ", token=***]";
    }
  }

  /**
   * An SSH private key (OpenSSH or PEM format) with the known_hosts lines the server's host key
   * is checked against. Host keys are checked strictly: an empty known_hosts rejects every host.
   *
   * @param passphrase nullable, for encrypted keys
   */
  record SshKey(String privateKeyPem, String knownHosts, String passphrase)
      implements GitCredentials {
    public SshKey {
      Objects.requireNonNull(privateKeyPem, "privateKeyPem");
      knownHosts = knownHosts == null ? "" : knownHosts;
    }

    @Override
    public String toString() {
      return "SshKey[privateKey=***, knownHosts="
          + knownHosts.lines().filter(l -> !l.isBlank()).count()
          + " lines, passphrase="
          + (passphrase == null ? "none" : "***")
          + "]";
    }
  }

  /**
   * Maps the (already base64-decoded) data of a credentials Secret. Both the Argo CD key names
   * ({@code sshPrivateKey}, {@code username}/{@code password}) and the Flux ones ({@code
   * identity}, {@code known_hosts}, {@code bearerToken}) are accepted so existing Secrets can be
   * reused unchanged.
   *
   * <p>Precedence: an SSH key wins (its {@code passphrase}, or Flux's {@code password}, decrypts
   * it); then a token; then username/password. A password without a username is treated as a
   * token, which is how personal access tokens are usually pasted.
   */
  static GitCredentials fromSecretData(Map<String, String> data) {
    if (data == null || data.isEmpty()) {
      return NONE;
    }
    String sshKey = first(data, "sshPrivateKey", "identity");
    String username = trimmed(first(data, "username"));
    String password = trimmed(first(data, "password"));
    if (sshKey != null) {
      String passphrase = first(data, "passphrase");
      if (passphrase == null) {
        passphrase = password;
      }
      return new SshKey(sshKey, first(data, "known_hosts", "knownHosts"), passphrase);
    }
    String token = trimmed(first(data, "token", "bearerToken"));
    if (token != null) {
      return new Token(token, username);
    }
    if (password != null) {
      return username == null ? new Token(password) : new Basic(username, password);
    }
    return NONE;
  }

  private static String first(Map<String, String> data, String... keys) {
    for (String key : keys) {
      String value = data.get(key);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /** Secrets created with {@code echo} carry a trailing newline that would break authentication. */
  private static String trimmed(String value) {
    return value == null ? null : value.strip();
  }
}
