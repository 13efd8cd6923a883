package dev.keelson.api.bitnami.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import java.util.LinkedHashMap;
import java.util.Map;

/** What upstream's SealedSecretSpec holds; loose where upstream's schema is loose. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SealedSecretSpec {
  /** Secret key to base64 of its blob (see keelson-secrets' HybridCipher). */
  @PreserveUnknownFields
  public Map<String, String> encryptedData = new LinkedHashMap<>();

  /** The Secret to create: its metadata, type, immutability and templated keys. */
  public SecretTemplateSpec template;

  /**
   * Upstream's deprecated whole-Secret blob (base64). Accepted by the schema so that old
   * manifests still apply; never opened (upstream refuses it by default too).
   */
  public String data;
}
