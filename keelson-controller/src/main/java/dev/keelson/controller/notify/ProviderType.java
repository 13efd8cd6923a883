package dev.keelson.controller.notify;

import java.util.Arrays;
import java.util.Locale;

/** The Provider types Keelson sends to, by Flux's names. */
public enum ProviderType {
  generic(false, null),
  genericHmac(false, null),
  slack(false, null),
  msteams(false, null),
  discord(false, null),
  github(true, "https://api.github.com"),
  gitlab(true, "https://gitlab.com/api/v4"),
  gitea(true, null);

  /** Sets commit statuses rather than posting messages: only events with a commit are sent. */
  public final boolean commitStatus;
  /** The address used when the spec and Secret give none; null: one is required. */
  public final String defaultAddress;

  ProviderType(boolean commitStatus, String defaultAddress) {
    this.commitStatus = commitStatus;
    this.defaultAddress = defaultAddress;
  }

  /** Flux's spelling: {@code generic-hmac}. */
  public String specName() {
    return this == genericHmac ? "generic-hmac" : name();
  }

  public static ProviderType parse(String type) {
    if (type == null || type.isBlank()) throw new IllegalArgumentException("spec.type is required");
    String t = type.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(v -> v.specName().equals(t)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("spec.type: " + type + " is not one of "
            + Arrays.stream(values()).map(ProviderType::specName).toList()));
  }
}
