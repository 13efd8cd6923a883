package dev.keelson.secrets.sops;

import java.util.ArrayList;
import java.util.List;

/**
 * How to encrypt a file.
 *
 * @param keyGroups one group: every key opens the data key; several: the key is Shamir-split, one
 *     share per group
 * @param shamirThreshold how many groups must agree; 0 means all of them (sops's default); ignored
 *     with one group
 * @param selector which values are encrypted ({@link SopsSelector#defaults()}: all but keys ending
 *     {@code _unencrypted})
 * @param macScope what the MAC covers
 * @param version the {@code version} written to the metadata (the sops release whose format is
 *     produced)
 */
public record SopsEncryptOptions(List<SopsKeyGroup> keyGroups, int shamirThreshold, SopsSelector selector, MacScope macScope, String version) {
  public static final String SOPS_VERSION = "3.9.0";

  public SopsEncryptOptions {
    keyGroups = List.copyOf(keyGroups);
    if (keyGroups.isEmpty() || keyGroups.stream().anyMatch(SopsKeyGroup::isEmpty)) {
      throw new IllegalArgumentException("every key group needs at least one age recipient or OpenPGP key");
    }
    if (shamirThreshold < 0 || shamirThreshold > keyGroups.size()) {
      throw new IllegalArgumentException("the Shamir threshold must be between 1 and the number of key groups (" + keyGroups.size() + ")");
    }
    if (keyGroups.size() > 1 && shamirThreshold == 1) {
      throw new IllegalArgumentException("a Shamir threshold of 1 with several key groups: use one group instead");
    }
    if (selector == null) selector = SopsSelector.defaults();
    if (macScope == null) macScope = MacScope.ALL_VALUES;
    if (version == null) version = SOPS_VERSION;
  }

  /** One key group with these recipients, sops's defaults for the rest. */
  public static SopsEncryptOptions of(List<String> ageRecipients, List<byte[]> pgpPublicKeys) {
    return new SopsEncryptOptions(List.of(new SopsKeyGroup(ageRecipients, pgpPublicKeys)), 0, SopsSelector.defaults(), MacScope.ALL_VALUES, SOPS_VERSION);
  }

  public static SopsEncryptOptions age(String... recipients) {
    return of(List.of(recipients), List.of());
  }

  public static SopsEncryptOptions groups(int shamirThreshold, SopsKeyGroup... groups) {
    return new SopsEncryptOptions(List.of(groups), shamirThreshold, SopsSelector.defaults(), MacScope.ALL_VALUES, SOPS_VERSION);
  }

  public SopsEncryptOptions withSelector(SopsSelector s) {
    return new SopsEncryptOptions(keyGroups, shamirThreshold, s, macScope, version);
  }

  public SopsEncryptOptions withMacScope(MacScope m) {
    return new SopsEncryptOptions(keyGroups, shamirThreshold, selector, m, version);
  }

  public SopsEncryptOptions plus(SopsKeyGroup g) {
    List<SopsKeyGroup> all = new ArrayList<>(keyGroups);
    all.add(g);
    return new SopsEncryptOptions(all, shamirThreshold, selector, macScope, version);
  }
}
