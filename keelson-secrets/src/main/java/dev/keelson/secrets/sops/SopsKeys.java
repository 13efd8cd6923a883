package dev.keelson.secrets.sops;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.openpgp.PGPPrivateKey;

/**
 * The private keys that may open a file's data key: age X25519 identities and OpenPGP secret keys.
 * Immutable; {@link #toString()} counts keys and never shows one.
 */
public final class SopsKeys {
  private static final SopsKeys NONE = new SopsKeys(List.of(), Map.of(), List.of());

  private final List<RecipientStanzaReader> age;
  private final Map<Long, PGPPrivateKey> pgp;
  private final List<String> pgpFingerprints;

  private SopsKeys(List<RecipientStanzaReader> age, Map<Long, PGPPrivateKey> pgp, List<String> pgpFingerprints) {
    this.age = List.copyOf(age);
    this.pgp = Map.copyOf(pgp);
    this.pgpFingerprints = List.copyOf(pgpFingerprints);
  }

  public static SopsKeys none() {
    return NONE;
  }

  /**
   * From a decryption Secret's data, Flux's naming: keys ending {@code .agekey} hold age identities
   * (one or more {@code AGE-SECRET-KEY-1...} lines, {@code #} comments ignored), keys ending {@code
   * .asc} hold armored OpenPGP secret keys. Other keys are ignored.
   */
  public static SopsKeys fromSecretData(Map<String, byte[]> data) throws SopsException {
    SopsKeys keys = NONE;
    // sorted, so that a broken key is reported the same way every time
    for (Map.Entry<String, byte[]> e : new TreeMap<>(data).entrySet()) {
      if (e.getKey().endsWith(".agekey")) {
        keys = keys.and(ageIdentities(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8)));
      } else if (e.getKey().endsWith(".asc")) {
        keys = keys.and(pgpSecretKeys(e.getKey(), e.getValue()));
      }
    }
    return keys;
  }

  /**
   * The identities in an age keys file ({@code AGE-SECRET-KEY-1...} lines, {@code #} comments).
   *
   * @param source where the text came from, named in messages
   */
  public static SopsKeys ageIdentities(String source, String text) throws SopsException {
    return new SopsKeys(AgeKeys.parseIdentities(source, text), Map.of(), List.of());
  }

  /**
   * The unprotected OpenPGP secret keys in armored (or binary) content; a passphrase-protected key
   * is an error.
   *
   * @param source where the content came from, named in messages
   */
  public static SopsKeys pgpSecretKeys(String source, byte[] content) throws SopsException {
    Map<Long, PGPPrivateKey> keys = new LinkedHashMap<>();
    List<String> fps = new ArrayList<>();
    PgpKeys.readSecretKeys(source, content, keys, fps);
    return new SopsKeys(List.of(), keys, fps);
  }

  /** These keys and the other's. */
  public SopsKeys and(SopsKeys other) {
    List<RecipientStanzaReader> a = new ArrayList<>(age);
    a.addAll(other.age);
    Map<Long, PGPPrivateKey> p = new LinkedHashMap<>(pgp);
    p.putAll(other.pgp);
    List<String> f = new ArrayList<>(pgpFingerprints);
    f.addAll(other.pgpFingerprints);
    return new SopsKeys(a, p, f);
  }

  /** Whether there is no key at all. */
  public boolean isEmpty() {
    return age.isEmpty() && pgp.isEmpty();
  }

  List<RecipientStanzaReader> age() {
    return age;
  }

  Map<Long, PGPPrivateKey> pgp() {
    return pgp;
  }

  /** The fingerprints of the OpenPGP keys held (public information). */
  public List<String> pgpFingerprints() {
    return pgpFingerprints;
  }

  @Override
  public String toString() {
    return "SopsKeys[age identities: " + age.size() + ", OpenPGP keys: " + pgpFingerprints.size() + "]";
  }
}
