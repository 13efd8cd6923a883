package dev.keelson.auth.testing;

import dev.keelson.auth.account.Account;
import dev.keelson.auth.account.AccountStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Accounts in a map, for tests of what does not depend on the Secret. */
public final class InMemoryAccountStore implements AccountStore {
  private final Map<String, Account> accounts = new ConcurrentHashMap<>();

  @Override
  public Optional<Account> account(String name) {
    return Optional.ofNullable(accounts.get(name));
  }

  @Override
  public Collection<Account> accounts() {
    return List.copyOf(accounts.values());
  }

  @Override
  public Account update(String name, UnaryOperator<Account> change) {
    return accounts.compute(name, (k, a) -> change.apply(a == null ? new Account(name, Optional.empty(), List.of()) : a));
  }
}
