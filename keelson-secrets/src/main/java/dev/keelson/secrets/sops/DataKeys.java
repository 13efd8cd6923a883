package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.SopsMetadata.AgeEntry;
import dev.keelson.secrets.sops.SopsMetadata.KeyGroup;
import dev.keelson.secrets.sops.SopsMetadata.PgpEntry;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The data key: opened from the key groups (age first, then OpenPGP, as sops's decryption order
 * is; several groups are Shamir shares), or made and wrapped for a new file.
 */
final class DataKeys {
  static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private DataKeys() {}

  static byte[] recover(String file, SopsMetadata md, SopsKeys keys) throws SopsException {
    if (keys.isEmpty()) throw new SopsException(file, "no decryption key was given (" + describeKeys(md) + ")");
    List<byte[]> parts = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < md.keyGroups().size(); i++) {
      KeyGroup g = md.keyGroups().get(i);
      byte[] part = open(g, keys, failures, md.keyGroups().size() > 1 ? "group " + (i + 1) + ": " : "");
      if (part != null) parts.add(part);
    }
    if (md.keyGroups().size() == 1) {
      if (parts.isEmpty()) throw new SopsException(file, "none of the given keys opens the data key (" + String.join("; ", failures) + ")");
      return check(file, parts.get(0));
    }
    int threshold = md.shamirThreshold() > 0 ? md.shamirThreshold() : md.keyGroups().size();
    if (parts.size() < threshold) {
      throw new SopsException(file, "the keys open " + parts.size() + " of " + md.keyGroups().size()
          + " key groups but " + threshold + " are needed (" + String.join("; ", failures) + ")");
    }
    try {
      return check(file, Shamir.combine(parts));
    } catch (IllegalArgumentException e) {
      throw new SopsException(file, "the key groups' shares do not combine: " + e.getMessage());
    }
  }

  private static byte[] check(String file, byte[] key) throws SopsException {
    if (key.length != KEY_BYTES) throw new SopsException(file, "the data key is " + key.length + " bytes, not 32");
    return key;
  }

  private static byte[] open(KeyGroup g, SopsKeys keys, List<String> failures, String prefix) {
    for (AgeEntry a : g.age()) {
      byte[] k = AgeKeys.unwrap(a.enc(), keys.age());
      if (k != null) return k;
      failures.add(prefix + "no age identity for " + a.recipient());
    }
    for (PgpEntry p : g.pgp()) {
      try {
        byte[] k = PgpKeys.unwrap(p.enc(), keys.pgp());
        if (k != null) return k;
        failures.add(prefix + "no OpenPGP secret key for " + p.fingerprint());
      } catch (Exception e) {
        failures.add(prefix + "OpenPGP " + p.fingerprint() + ": " + e.getMessage());
      }
    }
    for (String other : g.otherKeyTypes()) failures.add(prefix + other + " keys are not supported");
    return null;
  }

  private static String describeKeys(SopsMetadata md) {
    List<String> out = new ArrayList<>();
    for (KeyGroup g : md.keyGroups()) {
      g.age().forEach(a -> out.add(a.toString()));
      g.pgp().forEach(p -> out.add(p.toString()));
      out.addAll(g.otherKeyTypes());
    }
    return "the file is encrypted for " + String.join(", ", out);
  }

  static byte[] generate() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /** The metadata of a new file: the key wrapped for every recipient, the MAC still empty. */
  static SopsMetadata wrap(String file, byte[] dataKey, SopsEncryptOptions options) throws SopsException {
    List<SopsKeyGroup> specs = options.keyGroups();
    List<byte[]> parts;
    int threshold = 0;
    if (specs.size() == 1) {
      parts = List.of(dataKey);
    } else {
      threshold = options.shamirThreshold() == 0 ? specs.size() : options.shamirThreshold();
      parts = Shamir.split(dataKey, specs.size(), threshold);
    }
    String now = Rfc3339.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    List<KeyGroup> groups = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      SopsKeyGroup spec = specs.get(i);
      List<AgeEntry> age = new ArrayList<>();
      for (String r : spec.ageRecipients()) age.add(new AgeEntry(r, AgeKeys.wrap(parts.get(i), r)));
      List<PgpEntry> pgp = new ArrayList<>();
      for (byte[] pub : spec.pgpPublicKeys()) {
        PgpKeys.Recipient r = PgpKeys.readRecipient(file, pub);
        pgp.add(new PgpEntry(r.fingerprint(), now, PgpKeys.wrap(parts.get(i), r)));
      }
      groups.add(new KeyGroup(age, pgp, List.of()));
    }
    return new SopsMetadata(groups, specs.size() == 1 ? SopsMetadata.Layout.TOP_LEVEL : SopsMetadata.Layout.KEY_GROUPS,
        threshold, now, "", options.selector(), options.macScope(), options.version());
  }
}
