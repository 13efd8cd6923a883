package dev.keelson.auth.oidc;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code oidc.config} key of the {@code keelson-oidc} ConfigMap, Argo CD's oidc.config:
 *
 * <pre>
 * name: Okta
 * issuer: https://example.okta.com
 * clientID: keelson
 * clientSecret: $keelson-oidc-secret:clientSecret   # a Secret's key in the same namespace
 * requestedScopes: [openid, profile, email, groups]
 * usernameClaim: email                                # default: sub
 * groupsClaim: groups                                 # read besides RBAC's scopes
 * </pre>
 */
public record OidcConfig(String name, URI issuer, String clientId, Optional<ClientSecret> clientSecret,
    List<String> requestedScopes, String usernameClaim, Optional<String> groupsClaim) {
  public static final String CONFIG_MAP = "keelson-oidc";
  public static final String KEY = "oidc.config";

  public OidcConfig {
    requestedScopes = List.copyOf(requestedScopes);
  }

  /** Where the client secret is: inline (discouraged: ConfigMaps are not secret) or a Secret's key. */
  public sealed interface ClientSecret {
    record Inline(String value) implements ClientSecret {
      @Override
      public String toString() {
        return "Inline[***]";
      }
    }

    record SecretRef(String secret, String key) implements ClientSecret {}
  }

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  @SuppressWarnings("unchecked")
  public static OidcConfig parse(String yaml) {
    Map<String, Object> m;
    try {
      m = YAML.unmarshal(yaml, Map.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(KEY + " is not a YAML mapping");
    }
    if (m == null) throw new IllegalArgumentException(KEY + " is empty");
    String issuer = required(m, "issuer");
    String clientId = required(m, "clientID");
    Optional<ClientSecret> secret = Optional.ofNullable(m.get("clientSecret")).map(Object::toString).map(OidcConfig::secret);
    List<String> scopes = new ArrayList<>();
    Object s = m.get("requestedScopes");
    if (s instanceof List<?> l) l.forEach(x -> scopes.add(x.toString()));
    if (scopes.isEmpty()) scopes.addAll(List.of("openid", "profile", "email", "groups"));
    if (!scopes.contains("openid")) scopes.add(0, "openid");
    return new OidcConfig(String.valueOf(m.getOrDefault("name", "OIDC")), URI.create(issuer), clientId, secret, scopes,
        String.valueOf(m.getOrDefault("usernameClaim", "sub")),
        Optional.ofNullable(m.get("groupsClaim")).map(Object::toString));
  }

  private static ClientSecret secret(String v) {
    if (v.startsWith("$")) {
      int colon = v.indexOf(':');
      if (colon < 2 || colon == v.length() - 1) {
        throw new IllegalArgumentException("clientSecret references a Secret as $<secret-name>:<key>");
      }
      return new ClientSecret.SecretRef(v.substring(1, colon), v.substring(colon + 1));
    }
    return new ClientSecret.Inline(v);
  }

  private static String required(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null || v.toString().isBlank()) throw new IllegalArgumentException(KEY + " needs " + key);
    return v.toString();
  }
}
