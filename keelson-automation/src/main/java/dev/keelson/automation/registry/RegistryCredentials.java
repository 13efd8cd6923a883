package dev.keelson.automation.registry;

import java.util.Objects;

/** What is answered to a registry's challenge. {@code toString()} never shows the secret part. */
public sealed interface RegistryCredentials permits RegistryCredentials.Anonymous, RegistryCredentials.Basic {
  RegistryCredentials ANONYMOUS = new Anonymous();

  record Anonymous() implements RegistryCredentials {
    @Override
    public String toString() {
      return "Anonymous";
    }
  }

  /** A username and password (or token), sent as HTTP basic to the registry or its token service. */
  record Basic(String username, String password) implements RegistryCredentials {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=***]";
    }
  }
}
