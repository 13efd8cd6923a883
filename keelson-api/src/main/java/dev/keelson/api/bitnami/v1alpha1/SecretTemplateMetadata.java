package dev.keelson.api.bitnami.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The Secret's metadata in spec.template. kubeseal copies a Secret's whole metadata here (often
 * with {@code creationTimestamp: null}); the schema keeps such fields, Keelson reads only these.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SecretTemplateMetadata {
  public String name;
  public String namespace;
  public Map<String, String> labels;
  public Map<String, String> annotations;
  public List<String> finalizers;
}
