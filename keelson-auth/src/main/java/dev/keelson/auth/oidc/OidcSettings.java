package dev.keelson.auth.oidc;

import java.util.Optional;

/** The OIDC configuration in force, and its client secret resolved. */
public interface OidcSettings {
  Optional<OidcConfig> config();

  /** The client secret's value; empty for a public client. */
  Optional<String> clientSecret(OidcConfig config);
}
