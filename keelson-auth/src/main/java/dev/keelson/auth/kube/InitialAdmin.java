package dev.keelson.auth.kube;

import dev.keelson.auth.account.Account;
import dev.keelson.auth.account.AccountStore;
import dev.keelson.auth.password.PasswordHasher;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code admin} account on first start, as Argo CD makes it: while admin has no password,
 * a random one is put in the Secret {@code keelson-initial-admin} (key {@code password}) and its
 * hash in the accounts. The Secret is created before the hash is written and only once, so
 * replicas starting together agree on one password; once admin has a password (the initial one
 * or a changed one) nothing here runs, and the operator may delete the Secret.
 */
public final class InitialAdmin {
  public static final String SECRET = "keelson-initial-admin";
  public static final String KEY = "password";
  public static final String ACCOUNT = "admin";
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private InitialAdmin() {}

  public static void ensure(KubernetesClient client, String namespace, AccountStore accounts) {
    if (accounts.account(ACCOUNT).flatMap(Account::passwordHash).isPresent()) return;
    char[] password = password(client, namespace);
    String hash = PasswordHasher.hash(password);
    accounts.update(ACCOUNT, a -> a.passwordHash().isPresent() ? a : new Account(a.name(), java.util.Optional.of(hash), a.tokens()));
  }

  private static char[] password(KubernetesClient client, String namespace) {
    var resource = client.secrets().inNamespace(namespace).withName(SECRET);
    Secret s = resource.get();
    if (s == null) {
      try {
        s = client.secrets().inNamespace(namespace).resource(new SecretBuilder()
            .withNewMetadata().withName(SECRET).withNamespace(namespace)
            .addToLabels("app.kubernetes.io/part-of", "keelson").endMetadata()
            .withType("Opaque").withData(Map.of(KEY, Base64.getEncoder().encodeToString(
                new String(random()).getBytes(StandardCharsets.UTF_8)))).build()).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
        s = resource.get();
      }
    }
    String v = s.getData() == null ? null : s.getData().get(KEY);
    if (v == null) throw new IllegalStateException("Secret " + namespace + "/" + SECRET + " has no " + KEY);
    return new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8).toCharArray();
  }

  private static char[] random() {
    SecureRandom r = new SecureRandom();
    char[] out = new char[20];
    for (int i = 0; i < out.length; i++) out[i] = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
    return out;
  }
}
