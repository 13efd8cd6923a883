package dev.keelson.api.bitnami.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Nullable;
import java.util.Map;

/** spec.template: how the unsealed Secret looks besides its decrypted data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretTemplateSpec {
  @Nullable
  @PreserveUnknownFields
  public SecretTemplateMetadata metadata;

  /** The Secret's type; Opaque when absent. */
  public String type;

  public Boolean immutable;

  /**
   * Keys computed from the decrypted values with a Go-style template ({@code {{ .key }}},
   * {@code {{ index . "key" }}}); a null value removes that key from the Secret.
   */
  @Nullable
  public Map<String, String> data;
}
