package dev.keelson.auth.account;

import java.util.Collection;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Where accounts live: the {@code keelson-accounts} Secret ({@link KubeAccountStore}). */
public interface AccountStore {
  Optional<Account> account(String name);

  Collection<Account> accounts();

  /** The token with this id, whichever account holds it. */
  default Optional<ApiToken> token(String id) {
    return accounts().stream().flatMap(a -> a.tokens().stream()).filter(t -> t.id().equals(id)).findFirst();
  }

  /**
   * Changes one account (creating it when absent: the operator gets an account with no password
   * and no tokens) and stores it; retried on a concurrent write.
   */
  Account update(String name, UnaryOperator<Account> change);
}
