package dev.keelson.auth.kube;

import dev.keelson.auth.oidc.OidcConfig;
import dev.keelson.auth.oidc.OidcSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code keelson-oidc} ConfigMap's {@code oidc.config}, kept current; the client secret is
 * read from its Secret at each login's code exchange, so a rotated secret applies at once.
 */
public final class OidcWatch implements OidcSettings, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OidcWatch.class);

  private final KubernetesClient client;
  private final String namespace;
  private final WatchedObject<ConfigMap> configMap;
  private volatile Optional<OidcConfig> config = Optional.empty();

  private OidcWatch(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.configMap = WatchedObject.start(client.configMaps().inNamespace(namespace).withName(OidcConfig.CONFIG_MAP), this::read);
  }

  public static OidcWatch start(KubernetesClient client, String namespace) {
    return new OidcWatch(client, namespace);
  }

  private void read(Optional<ConfigMap> cm) {
    Optional<String> yaml = cm.map(ConfigMap::getData).map(d -> d.get(OidcConfig.KEY)).filter(s -> !s.isBlank());
    if (yaml.isEmpty()) {
      config = Optional.empty();
      return;
    }
    try {
      config = Optional.of(OidcConfig.parse(yaml.get()));
    } catch (IllegalArgumentException e) {
      LOG.error("ConfigMap {}/{} not applied, the OIDC configuration before stays: {}", namespace, OidcConfig.CONFIG_MAP, e.getMessage());
    }
  }

  @Override
  public Optional<OidcConfig> config() {
    return config;
  }

  @Override
  public Optional<String> clientSecret(OidcConfig c) {
    if (c.clientSecret().isEmpty()) return Optional.empty();
    OidcConfig.ClientSecret s = c.clientSecret().get();
    if (s instanceof OidcConfig.ClientSecret.Inline inline) return Optional.of(inline.value());
    OidcConfig.ClientSecret.SecretRef ref = (OidcConfig.ClientSecret.SecretRef) s;
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.secret()).get();
    String v = secret == null || secret.getData() == null ? null : secret.getData().get(ref.key());
    if (v == null) {
      throw new IllegalStateException("the OIDC client secret is missing: Secret " + namespace + "/" + ref.secret() + " key " + ref.key());
    }
    return Optional.of(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8).strip());
  }

  @Override
  public void close() {
    configMap.close();
  }
}
