package dev.keelson.secrets.sops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * OpenPGP wrapping of the data key (sops's {@code pgp} key type), done by BouncyCastle's
 * lightweight API: a public-key encrypted, integrity-protected message whose literal data is the
 * raw key, ASCII-armored, as sops writes it and gpg reads it.
 */
final class PgpKeys {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN PGP (PRIVATE|PUBLIC) KEY BLOCK-----.*?-----END PGP \\1 KEY BLOCK-----", Pattern.DOTALL);

  /** A public key to encrypt to: the key ring's fingerprint (what sops records) and its encryption key. */
  record Recipient(String fingerprint, PGPPublicKey encryptionKey) {
    @Override
    public String toString() {
      return "pgp " + fingerprint;
    }
  }

  private PgpKeys() {}

  static String fingerprint(byte[] fp) {
    return HexFormat.of().withUpperCase().formatHex(fp);
  }

  /** Armored blocks one after the other (gpg's export of several keys), or one binary key ring. */
  private static List<byte[]> blocks(byte[] content) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    List<byte[]> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) out.add(m.group().getBytes(StandardCharsets.ISO_8859_1));
    if (out.isEmpty()) out.add(content);
    return out;
  }

  /**
   * Secret keys by key id, for every key and subkey in the content.
   *
   * @param source where the content came from, for messages
   */
  static void readSecretKeys(String source, byte[] content, Map<Long, PGPPrivateKey> into, List<String> fingerprints) throws SopsException {
    int rings = 0;
    for (byte[] block : blocks(content)) {
      try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(block))) {
        BcPGPObjectFactory f = new BcPGPObjectFactory(in);
        Object o;
        while ((o = f.nextObject()) != null) {
          if (!(o instanceof PGPSecretKeyRing ring)) continue;
          rings++;
          fingerprints.add(fingerprint(ring.getPublicKey().getFingerprint()));
          for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
            PGPSecretKey sk = it.next();
            if (sk.isPrivateKeyEmpty()) continue;
            if (sk.getKeyEncryptionAlgorithm() != SymmetricKeyAlgorithmTags.NULL || sk.getS2KUsage() != 0) {
              throw new SopsException(source, "the OpenPGP secret key " + fingerprint(ring.getPublicKey().getFingerprint())
                  + " is protected by a passphrase; export it without one (gpg --export-secret-keys after removing the passphrase)");
            }
            PGPPrivateKey pk = sk.extractPrivateKey(
                new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(new char[0]));
            into.put(sk.getKeyID(), pk);
          }
        }
      } catch (IOException | PGPException | RuntimeException e) {
        throw new SopsException(source, "is not a readable OpenPGP secret key: " + e.getMessage());
      }
    }
    if (rings == 0) throw new SopsException(source, "holds no OpenPGP secret key");
  }

  /** The first public key ring in the content, with the key it encrypts to. */
  static Recipient readRecipient(String source, byte[] content) throws SopsException {
    for (byte[] block : blocks(content)) {
      try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(block))) {
        BcPGPObjectFactory f = new BcPGPObjectFactory(in);
        Object o;
        while ((o = f.nextObject()) != null) {
          Iterator<PGPPublicKey> keys;
          if (o instanceof PGPPublicKeyRing ring) {
            keys = ring.getPublicKeys();
          } else if (o instanceof PGPSecretKeyRing ring) {
            keys = ring.getPublicKeys();
          } else {
            continue;
          }
          PGPPublicKey primary = null;
          PGPPublicKey encryption = null;
          while (keys.hasNext()) {
            PGPPublicKey k = keys.next();
            if (primary == null) primary = k;
            if (k.isEncryptionKey() && !k.hasRevocation() && (encryption == null || !k.isMasterKey())) encryption = k;
          }
          if (primary == null) continue;
          if (encryption == null) throw new SopsException(source, "the OpenPGP key " + fingerprint(primary.getFingerprint()) + " has no encryption key");
          return new Recipient(fingerprint(primary.getFingerprint()), encryption);
        }
      } catch (IOException | RuntimeException e) {
        throw new SopsException(source, "is not a readable OpenPGP public key: " + e.getMessage());
      }
    }
    throw new SopsException(source, "holds no OpenPGP public key");
  }

  /** The data key (or share) in an armored message, or null when none of the keys opens it. */
  static byte[] unwrap(String armored, Map<Long, PGPPrivateKey> keys) throws IOException, PGPException {
    if (keys.isEmpty()) return null;
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
      BcPGPObjectFactory f = new BcPGPObjectFactory(in);
      Object o = f.nextObject();
      if (o instanceof PGPMarker) o = f.nextObject();
      if (!(o instanceof PGPEncryptedDataList list)) throw new PGPException("not an encrypted OpenPGP message");
      for (PGPEncryptedData ed : list) {
        if (!(ed instanceof PGPPublicKeyEncryptedData pked)) continue;
        PGPPrivateKey key = keys.get(pked.getKeyID());
        if (key == null) continue;
        byte[] clear = literal(pked.getDataStream(new BcPublicKeyDataDecryptorFactory(key)));
        if (pked.isIntegrityProtected() && !pked.verify()) throw new PGPException("the OpenPGP message fails its integrity check");
        return clear;
      }
      return null;
    }
  }

  private static byte[] literal(InputStream clear) throws IOException, PGPException {
    Object m = new BcPGPObjectFactory(clear).nextObject();
    if (m instanceof PGPCompressedData cd) m = new BcPGPObjectFactory(cd.getDataStream()).nextObject();
    if (!(m instanceof PGPLiteralData ld)) throw new PGPException("the OpenPGP message holds no literal data");
    return ld.getInputStream().readAllBytes();
  }

  static String wrap(byte[] dataKey, Recipient recipient) throws SopsException {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
        PGPEncryptedDataGenerator gen = new PGPEncryptedDataGenerator(
            new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true).setSecureRandom(new SecureRandom()));
        gen.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(recipient.encryptionKey()));
        try (OutputStream enc = gen.open(armor, new byte[1 << 12])) {
          PGPLiteralDataGenerator lit = new PGPLiteralDataGenerator();
          try (OutputStream lo = lit.open(enc, PGPLiteralData.BINARY, "", dataKey.length, new Date())) {
            lo.write(dataKey);
          }
        }
      }
      return out.toString(StandardCharsets.US_ASCII).replace("\r\n", "\n").strip();
    } catch (IOException | PGPException e) {
      throw new SopsException(recipient.fingerprint(), "OpenPGP encryption failed: " + e.getMessage());
    }
  }

  static String normalizeFingerprint(String fp) {
    return fp.replace(" ", "").toUpperCase(Locale.ROOT);
  }
}
