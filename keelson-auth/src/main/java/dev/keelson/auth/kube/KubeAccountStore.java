package dev.keelson.auth.kube;

import dev.keelson.auth.account.Account;
import dev.keelson.auth.account.AccountStore;
import dev.keelson.auth.account.AccountsCodec;
import dev.keelson.auth.account.ApiToken;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Accounts in the {@code keelson-accounts} Secret. Reads come from the informer's copy (a
 * token check per request never calls the API server); writes read the Secret afresh and
 * replace it at the resourceVersion they read, again on a conflict, so that two writers never
 * lose each other's tokens.
 */
public final class KubeAccountStore implements AccountStore, AutoCloseable {
  private static final int ATTEMPTS = 10;

  private final KubernetesClient client;
  private final String namespace;
  private final WatchedObject<Secret> secret;
  private record Snapshot(Map<String, Account> accounts, Map<String, ApiToken> tokens) {}

  /** Accounts and their tokens by id, replaced whole: a request's token check is one lookup. */
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

  public KubeAccountStore(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.secret = WatchedObject.start(client.secrets().inNamespace(namespace).withName(AccountsCodec.SECRET), this::read);
  }

  private void read(Optional<Secret> s) {
    try {
      Map<String, Account> accounts = AccountsCodec.decode(s.map(Secret::getData).orElse(Map.of()));
      Map<String, ApiToken> tokens = new HashMap<>();
      accounts.values().forEach(a -> a.tokens().forEach(t -> tokens.put(t.id(), t)));
      snapshot = new Snapshot(accounts, tokens);
    } catch (IllegalArgumentException e) {
      org.slf4j.LoggerFactory.getLogger(KubeAccountStore.class)
          .error("Secret {}/{} not read, the accounts before stay: {}", namespace, AccountsCodec.SECRET, e.getMessage());
    }
  }

  @Override
  public Optional<Account> account(String name) {
    return Optional.ofNullable(snapshot.accounts().get(name));
  }

  @Override
  public Collection<Account> accounts() {
    return List.copyOf(snapshot.accounts().values());
  }

  @Override
  public Optional<ApiToken> token(String id) {
    return Optional.ofNullable(snapshot.tokens().get(id));
  }

  @Override
  public Account update(String name, UnaryOperator<Account> change) {
    var resource = client.secrets().inNamespace(namespace).withName(AccountsCodec.SECRET);
    for (int attempt = 1; ; attempt++) {
      Secret live = resource.get();
      Map<String, String> data = new LinkedHashMap<>(live == null || live.getData() == null ? Map.of() : live.getData());
      Account before = AccountsCodec.decode(data).getOrDefault(name, new Account(name, Optional.empty(), List.of()));
      Account after = change.apply(before);
      data.remove(AccountsCodec.passwordKey(name));
      data.remove(AccountsCodec.tokensKey(name));
      data.putAll(AccountsCodec.encode(after));
      try {
        Secret written;
        if (live == null) {
          written = client.secrets().inNamespace(namespace).resource(new SecretBuilder()
              .withNewMetadata().withName(AccountsCodec.SECRET).withNamespace(namespace)
              .addToLabels("app.kubernetes.io/part-of", "keelson").endMetadata()
              .withType("Opaque").withData(data).build()).create();
        } else {
          live.setData(data);
          written = client.secrets().inNamespace(namespace).resource(live).update();
        }
        secret.wrote(written);
        read(Optional.of(written));
        return after;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) throw e;
      }
    }
  }

  @Override
  public void close() {
    secret.close();
  }
}
