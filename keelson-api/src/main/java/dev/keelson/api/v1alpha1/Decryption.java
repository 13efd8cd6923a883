package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Flux's decryption: SOPS files in the source are decrypted before anything reads them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Decryption {
  @Required
  @Pattern("^sops$")
  @JsonPropertyDescription("The decryption provider; sops is the only one.")
  public String provider;

  @JsonPropertyDescription(
      "Secret in the Application's namespace holding the private keys: age identities in keys ending"
          + " .agekey, armored OpenPGP secret keys in keys ending .asc.")
  public Source.SecretRef secretRef;
}
