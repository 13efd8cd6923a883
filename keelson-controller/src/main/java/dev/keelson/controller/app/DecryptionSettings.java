package dev.keelson.controller.app;

import dev.keelson.api.v1alpha1.Decryption;

/**
 * {@code spec.decryption} read into typed values.
 *
 * @param secretName the Secret in the Application's namespace holding the private keys, or null
 *     (then no encrypted file can be opened, and each one says so)
 */
public record DecryptionSettings(String secretName) {

  /** @throws IllegalArgumentException naming the field when the spec is unusable */
  static DecryptionSettings of(Decryption spec) {
    if (!"sops".equals(spec.provider)) {
      throw new IllegalArgumentException("spec.decryption.provider must be sops, not " + spec.provider);
    }
    String name = spec.secretRef == null || spec.secretRef.name == null || spec.secretRef.name.isBlank()
        ? null : spec.secretRef.name.trim();
    return new DecryptionSettings(name);
  }
}
