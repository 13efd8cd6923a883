package dev.keelson.helm;

/**
 * Credentials and trust for a Helm repository or OCI registry. {@link #toString()} never shows the
 * password.
 *
 * @param username null for anonymous access
 * @param password the password or token
 * @param caCertificatePem PEM certificates to trust in addition to the JVM's, or null
 */
public record RepositoryAuth(String username, String password, String caCertificatePem) {
  public static final RepositoryAuth NONE = new RepositoryAuth(null, null, null);

  public boolean hasCredentials() {
    return username != null && !username.isEmpty();
  }

  @Override
  public String toString() {
    return "RepositoryAuth[username=" + username + ", password=" + (password == null ? "null" : "***")
        + ", caCertificate=" + (caCertificatePem != null) + "]";
  }
}
