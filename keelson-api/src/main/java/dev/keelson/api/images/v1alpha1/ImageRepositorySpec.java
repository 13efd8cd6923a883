package dev.keelson.api.images.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** Flux's ImageRepository spec (image.toolkit.fluxcd.io/v1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageRepositorySpec {
  @Required
  @JsonPropertyDescription("The image repository, without tag or digest: ghcr.io/org/app, 127.0.0.1:5000/team/web, nginx.")
  public String image;

  @JsonPropertyDescription("How often the tags are listed (Go duration: 1m, 5m30s). Default 5m.")
  public String interval;

  @JsonPropertyDescription("How long one scan may take (Go duration). Default 1m.")
  public String timeout;

  @JsonPropertyDescription("A Secret of type kubernetes.io/dockerconfigjson in the same namespace with the registry's credentials.")
  public LocalRef secretRef;

  @JsonPropertyDescription("A Secret with ca.crt (the registry's CA) and optionally tls.crt and tls.key (a client certificate).")
  public LocalRef certSecretRef;

  @JsonPropertyDescription("Speak plain HTTP to the registry.")
  public Boolean insecure;

  @JsonPropertyDescription("Regular expressions of tags to leave out. Default ^.*\\.sig$ (cosign signatures).")
  public List<String> exclusionList;

  @JsonPropertyDescription("Stop scanning.")
  public Boolean suspend;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class LocalRef {
    @Required public String name;
  }
}
