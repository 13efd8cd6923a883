package dev.keelson.secrets.sops;

import java.util.List;

/**
 * One key group of a file to encrypt: any of its keys opens the group's part of the data key.
 *
 * @param ageRecipients age X25519 recipients ({@code age1...})
 * @param pgpPublicKeys OpenPGP public keys, armored or binary (e.g. {@code gpg --export --armor FPR})
 */
public record SopsKeyGroup(List<String> ageRecipients, List<byte[]> pgpPublicKeys) {
  public SopsKeyGroup {
    ageRecipients = List.copyOf(ageRecipients);
    pgpPublicKeys = List.copyOf(pgpPublicKeys);
  }

  public static SopsKeyGroup age(String... recipients) {
    return new SopsKeyGroup(List.of(recipients), List.of());
  }

  public static SopsKeyGroup pgp(byte[]... publicKeys) {
    return new SopsKeyGroup(List.of(), List.of(publicKeys));
  }

  boolean isEmpty() {
    return ageRecipients.isEmpty() && pgpPublicKeys.isEmpty();
  }

  @Override
  public String toString() {
    return "SopsKeyGroup[age=" + ageRecipients + ", pgp keys=" + pgpPublicKeys.size() + "]";
  }
}
