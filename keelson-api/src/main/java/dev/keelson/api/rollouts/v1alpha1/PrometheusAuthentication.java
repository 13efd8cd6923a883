package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;

/** Argo Rollouts' prometheus {@code authentication}: {@code oauth2} is read, {@code sigv4} refused. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrometheusAuthentication {
  public OAuth2Config oauth2;
  /** AWS SigV4 (Amazon Managed Prometheus): accepted by the schema, refused when measured. */
  @SchemaFrom(type = Object.class)
  public Object sigv4;

  /** OAuth2 client credentials: a token from {@code tokenUrl}, sent as a bearer token. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class OAuth2Config {
    public String tokenUrl;
    public String clientId;
    public String clientSecret;
    public java.util.List<String> scopes;
  }
}
