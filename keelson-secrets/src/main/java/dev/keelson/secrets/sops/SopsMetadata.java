package dev.keelson.secrets.sops;

import java.util.List;

/**
 * The {@code sops} entry of a file: key groups (each able to open the data key, or a Shamir share
 * of it), the selector, the MAC and its timestamp. Other key types (KMS, Vault, ...) are kept only
 * so messages can say a group holds nothing Keelson can open.
 */
record SopsMetadata(
    List<KeyGroup> keyGroups,
    Layout layout,
    int shamirThreshold,
    String lastModified,
    String mac,
    SopsSelector selector,
    MacScope macScope,
    String version) {

  /** Whether the keys sit at the top level ({@code age:}, {@code pgp:}) or in {@code key_groups}. */
  enum Layout {
    TOP_LEVEL, KEY_GROUPS
  }

  record AgeEntry(String recipient, String enc) {
    @Override
    public String toString() {
      return "age " + recipient;
    }
  }

  record PgpEntry(String fingerprint, String createdAt, String enc) {
    @Override
    public String toString() {
      return "pgp " + fingerprint;
    }
  }

  record KeyGroup(List<AgeEntry> age, List<PgpEntry> pgp, List<String> otherKeyTypes) {
    boolean isEmpty() {
      return age.isEmpty() && pgp.isEmpty();
    }
  }
}
