package dev.keelson.controller.sealed;

import java.time.Duration;
import java.util.Objects;

/**
 * How the controller serves SealedSecrets.
 *
 * @param enabled false where the upstream sealed-secrets controller already runs: two controllers
 *     must not fight over the same Secrets
 * @param keyNamespace where the sealing keys and the published certificate live
 * @param renewPeriod how often a new sealing key is generated; older keys keep decrypting. Zero
 *     turns renewal off (upstream's {@code --key-renew-period=0}): one key is still generated
 *     when there is none
 */
public record SealedSecretsOptions(boolean enabled, String keyNamespace, Duration renewPeriod) {
  public static final String DEFAULT_KEY_NAMESPACE = "keelson-system";
  /** Upstream's default. */
  public static final Duration DEFAULT_RENEW_PERIOD = Duration.ofDays(30);

  public SealedSecretsOptions {
    Objects.requireNonNull(keyNamespace, "keyNamespace");
    Objects.requireNonNull(renewPeriod, "renewPeriod");
    if (renewPeriod.isNegative()) throw new IllegalArgumentException("the key renew period must not be negative");
  }

  public static SealedSecretsOptions defaults() {
    return new SealedSecretsOptions(true, DEFAULT_KEY_NAMESPACE, DEFAULT_RENEW_PERIOD);
  }

  public static SealedSecretsOptions disabled() {
    return new SealedSecretsOptions(false, DEFAULT_KEY_NAMESPACE, DEFAULT_RENEW_PERIOD);
  }

  public boolean renews() {
    return !renewPeriod.isZero();
  }

  public SealedSecretsOptions withEnabled(boolean on) {
    return new SealedSecretsOptions(on, keyNamespace, renewPeriod);
  }

  public SealedSecretsOptions withKeyNamespace(String ns) {
    return new SealedSecretsOptions(enabled, ns, renewPeriod);
  }

  public SealedSecretsOptions withRenewPeriod(Duration period) {
    return new SealedSecretsOptions(enabled, keyNamespace, period);
  }
}
