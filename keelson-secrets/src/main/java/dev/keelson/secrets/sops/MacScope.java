package dev.keelson.secrets.sops;

/** What the MAC covers: sops's default, or {@code mac_only_encrypted: true}. */
public enum MacScope {
  /** Every value, clear or encrypted, in document order. */
  ALL_VALUES,
  /** Only the encrypted values; the hash is seeded so the two kinds of MAC never collide. */
  ENCRYPTED_ONLY
}
