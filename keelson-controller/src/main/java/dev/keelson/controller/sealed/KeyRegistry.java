package dev.keelson.controller.sealed;

import dev.keelson.secrets.sealed.SealingKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sealing keys the controller knows, oldest first; replaced as a whole when the key Secrets
 * change. Every key decrypts; the newest seals. Thread-safe.
 */
public final class KeyRegistry {
  private volatile List<SealingKey> keys = List.of();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  void replace(List<SealingKey> next) {
    List<SealingKey> sorted = next.stream().sorted(SealingKey.BY_AGE).toList();
    List<String> before = names(keys);
    keys = sorted;
    if (!before.equals(names(sorted))) listeners.forEach(Runnable::run);
  }

  /** Runs after each change of the set of keys (a key added, imported or removed). */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  public List<SealingKey> keys() {
    return keys;
  }

  public List<RSAPrivateKey> privateKeys() {
    return keys.stream().map(SealingKey::privateKey).toList();
  }

  public Optional<SealingKey> newest() {
    List<SealingKey> k = keys;
    return k.isEmpty() ? Optional.empty() : Optional.of(k.get(k.size() - 1));
  }

  private static List<String> names(List<SealingKey> keys) {
    return keys.stream().map(SealingKey::name).toList();
  }
}
