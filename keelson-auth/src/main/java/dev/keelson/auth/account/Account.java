package dev.keelson.auth.account;

import java.util.List;
import java.util.Optional;

/** A local account: a bcrypt password hash (none: it cannot log in by password) and its API tokens. */
public record Account(String name, Optional<String> passwordHash, List<ApiToken> tokens) {
  public Account {
    tokens = List.copyOf(tokens);
  }

  @Override
  public String toString() {
    return "Account[name=" + name + ", password=" + (passwordHash.isPresent() ? "set" : "none") + ", tokens=" + tokens + "]";
  }
}
