package dev.keelson.cli;

import dev.keelson.auth.account.Account;
import dev.keelson.auth.account.ApiToken;
import dev.keelson.auth.account.ApiTokenService;
import dev.keelson.auth.kube.KubeAccountStore;
import dev.keelson.auth.password.PasswordHasher;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Local accounts and their API tokens. These act on the {@code keelson-accounts} Secret through
 * the kubeconfig: whoever may edit Secrets in the controller's namespace administers accounts
 * already, so no server needs to be running (or reachable) for it.
 */
@Command(name = "account", mixinStandardHelpOptions = true,
    description = "List accounts, set passwords, generate and revoke API tokens (in the keelson-accounts Secret).",
    subcommands = {AccountCommand.ListAccounts.class, AccountCommand.GenerateToken.class,
        AccountCommand.RevokeToken.class, AccountCommand.SetPassword.class})
final class AccountCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Accounts, whether they have a password, and their tokens.")
  static final class ListAccounts implements Callable<Integer> {
    @Mixin ClusterCommand.Control control;

    @Override
    public Integer call() throws Exception {
      try (KubernetesClient c = control.client(); KubeAccountStore store = new KubeAccountStore(c, control.namespace)) {
        List<List<String>> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (Account a : store.accounts().stream().sorted(Comparator.comparing(Account::name)).toList()) {
          if (a.tokens().isEmpty()) {
            rows.add(List.of(a.name(), a.passwordHash().isPresent() ? "set" : "none", "-", "-", "-"));
          }
          for (ApiToken t : a.tokens()) {
            rows.add(List.of(a.name(), a.passwordHash().isPresent() ? "set" : "none", t.id(), t.createdAt().toString(),
                t.expiresAt().map(e -> e + (t.expiredAt(now) ? " (expired)" : "")).orElse("never")));
          }
        }
        Output.table(System.out, List.of("NAME", "PASSWORD", "TOKEN", "CREATED", "EXPIRES"), rows);
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "generate-token", mixinStandardHelpOptions = true,
      description = "A new API token for an account, printed once; only its hash is stored.")
  static final class GenerateToken implements Callable<Integer> {
    @Option(names = "--account", defaultValue = "admin", paramLabel = "NAME", description = "Default: ${DEFAULT-VALUE}.")
    String account;
    @Option(names = "--expires-in", paramLabel = "DURATION", converter = DayDuration.class,
        description = "How long it holds: 30d, 720h, 90m (default: no expiry).")
    Duration expiresIn;
    @Mixin ClusterCommand.Control control;

    @Override
    public Integer call() throws Exception {
      try (KubernetesClient c = control.client(); KubeAccountStore store = new KubeAccountStore(c, control.namespace)) {
        ApiTokenService.GeneratedToken t = new ApiTokenService(store, Clock.systemUTC())
            .generate(account, Optional.ofNullable(expiresIn));
        System.err.println("token " + t.stored().id() + " for " + account
            + t.stored().expiresAt().map(e -> ", expires " + e).orElse(", no expiry") + " (shown only now):");
        System.out.println(t.token());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "revoke-token", mixinStandardHelpOptions = true, description = "Revoke an API token by its id.")
  static final class RevokeToken implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Mixin ClusterCommand.Control control;

    @Override
    public Integer call() throws Exception {
      try (KubernetesClient c = control.client(); KubeAccountStore store = new KubeAccountStore(c, control.namespace)) {
        if (!new ApiTokenService(store, Clock.systemUTC()).revoke(id)) {
          System.err.println("no token " + id);
          return ExitCodes.ERROR;
        }
        System.out.println("token " + id + " revoked");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "set-password", mixinStandardHelpOptions = true,
      description = "Set an account's password (creating the account), read from standard input.")
  static final class SetPassword implements Callable<Integer> {
    @Option(names = "--account", defaultValue = "admin", paramLabel = "NAME", description = "Default: ${DEFAULT-VALUE}.")
    String account;
    @Mixin ClusterCommand.Control control;

    @Override
    public Integer call() throws Exception {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) throw new IllegalArgumentException("no password on standard input");
      String hash = PasswordHasher.hash(line.toCharArray());
      try (KubernetesClient c = control.client(); KubeAccountStore store = new KubeAccountStore(c, control.namespace)) {
        store.update(account, a -> new Account(a.name(), Optional.of(hash), a.tokens()));
      }
      System.out.println("password of " + account + " set");
      return ExitCodes.OK;
    }
  }
}
