package dev.keelson.controller.notify;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The Alerts and Providers ready for use, kept by their reconcilers and read when an event is published. */
public final class NotificationRegistry {
  private final Map<String, AlertRule> alerts = new ConcurrentHashMap<>();
  private final Map<String, ProviderConfig> providers = new ConcurrentHashMap<>();

  public void putAlert(AlertRule a) {
    alerts.put(a.namespace() + "/" + a.name(), a);
  }

  public void removeAlert(String namespace, String name) {
    alerts.remove(namespace + "/" + name);
  }

  public void putProvider(ProviderConfig p) {
    providers.put(p.id(), p);
  }

  public void removeProvider(String namespace, String name) {
    providers.remove(namespace + "/" + name);
  }

  public Collection<AlertRule> alerts() {
    return alerts.values();
  }

  /** The Provider an Alert names, in the Alert's namespace. */
  public Optional<ProviderConfig> provider(String namespace, String name) {
    return Optional.ofNullable(providers.get(namespace + "/" + name));
  }

  public boolean hasProvider(String namespace, String name) {
    return providers.containsKey(namespace + "/" + name);
  }
}
