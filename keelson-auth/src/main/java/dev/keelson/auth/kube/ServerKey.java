package dev.keelson.auth.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The key that signs session tokens and CSRF tokens and encrypts the OIDC login state: 256
 * random bits in the Secret {@code keelson-server-key} (key {@code server.secretkey}), created by
 * whichever replica starts first. Rotating it (editing or deleting the Secret's value) ends
 * every session.
 */
public final class ServerKey implements Supplier<byte[]>, AutoCloseable {
  public static final String SECRET = "keelson-server-key";
  public static final String KEY = "server.secretkey";
  private static final int BYTES = 32;

  private final WatchedObject<Secret> secret;
  private volatile byte[] key;

  private ServerKey(KubernetesClient client, String namespace) {
    Secret initial = ensure(client, namespace);
    key = decode(initial).orElseThrow(() -> new IllegalStateException(
        "Secret " + namespace + "/" + SECRET + " has no " + BYTES + "-byte " + KEY));
    secret = WatchedObject.start(client.secrets().inNamespace(namespace).withName(SECRET),
        s -> s.flatMap(ServerKey::decode).ifPresent(k -> key = k));
  }

  public static ServerKey start(KubernetesClient client, String namespace) {
    return new ServerKey(client, namespace);
  }

  private static Secret ensure(KubernetesClient client, String namespace) {
    var resource = client.secrets().inNamespace(namespace).withName(SECRET);
    Secret s = resource.get();
    if (s != null) return s;
    byte[] k = new byte[BYTES];
    new SecureRandom().nextBytes(k);
    try {
      return client.secrets().inNamespace(namespace).resource(new SecretBuilder()
          .withNewMetadata().withName(SECRET).withNamespace(namespace)
          .addToLabels("app.kubernetes.io/part-of", "keelson").endMetadata()
          .withType("Opaque").withData(Map.of(KEY, Base64.getEncoder().encodeToString(k))).build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
      return resource.get();
    }
  }

  private static Optional<byte[]> decode(Secret s) {
    String v = s.getData() == null ? null : s.getData().get(KEY);
    if (v == null) return Optional.empty();
    byte[] k = Base64.getDecoder().decode(v);
    return k.length >= BYTES ? Optional.of(k) : Optional.empty();
  }

  @Override
  public byte[] get() {
    return key.clone();
  }

  @Override
  public void close() {
    secret.close();
  }
}
