package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.Node.Branch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** SOPS files, byte-compatible with sops 3.x. Thread-safe; holds no state. */
public final class Sops {

  /** Flux's limit: larger files are refused before they are parsed. */
  public static final int MAX_FILE_BYTES = 5 * 1024 * 1024;

  private static final String ENC_MARK = "ENC[AES256_GCM,";

  private Sops() {}

  /**
   * Whether the content is a SOPS file: a YAML or JSON document (or a binary file's JSON
   * envelope) with the top-level {@code sops} key, or a dotenv / INI file carrying sops's
   * metadata entries. Never throws: content that does not parse is not encrypted.
   */
  public static boolean isEncrypted(byte[] content, SopsFormat format) {
    if (content == null) return false;
    if (content.length > MAX_FILE_BYTES) {
      // too large to parse; if it looks like sops, say so, so that decrypt refuses it clearly
      return new String(content, StandardCharsets.ISO_8859_1).contains(ENC_MARK);
    }
    try {
      Store store = Store.of(format);
      return store.hasMetadata(store.load("", content));
    } catch (SopsException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The clear content, in the same format (a binary file's original bytes). Verifies the MAC;
   * refuses files over {@link #MAX_FILE_BYTES} and YAML whose aliases expand beyond a bound.
   *
   * @param file the file's path, used in messages only
   */
  public static byte[] decrypt(String file, byte[] content, SopsFormat format, SopsKeys keys) throws SopsException {
    return decrypt(file, content, format, format, keys);
  }

  /** As {@link #decrypt(String, byte[], SopsFormat, SopsKeys)}, written in another format. */
  public static byte[] decrypt(String file, byte[] content, SopsFormat inputFormat, SopsFormat outputFormat, SopsKeys keys) throws SopsException {
    checkSize(file, content);
    Store in = Store.of(inputFormat);
    List<Branch> docs = in.load(file, content);
    SopsMetadata md = MetadataPlacement.extract(file, docs, in.metadataLayout());
    byte[] dataKey = DataKeys.recover(file, md, keys);
    String computed = new TreeCrypto(md.selector(), md.macScope()).decrypt(file, docs, dataKey);
    verifyMac(file, md, dataKey, computed);
    Store out = Store.of(outputFormat);
    if (out instanceof BinaryStore b) return b.emitPlain(file, docs);
    return out.emit(file, docs);
  }

  private static void verifyMac(String file, SopsMetadata md, byte[] dataKey, String computed) throws SopsException {
    if (md.mac() == null || md.mac().isEmpty()) throw new SopsException(file, "has no MAC; sops files always carry one");
    String aad = Rfc3339.normalize(md.lastModified());
    if (aad == null) throw new SopsException(file, "sops.lastmodified is not an RFC 3339 time");
    Node stored;
    try {
      stored = ValueCipher.decrypt(md.mac(), dataKey, aad);
    } catch (ValueCipher.ValueException e) {
      throw new SopsException(file, "the MAC " + e.getMessage());
    }
    if (!(stored instanceof Node.Str s) || !s.text().equals(computed)) {
      throw new SopsException(file, "MAC mismatch: the file's values do not match its MAC (the file was altered after it was encrypted)");
    }
  }

  /** The content encrypted with a fresh data key for the options' recipients. */
  public static byte[] encrypt(String file, byte[] content, SopsFormat format, SopsEncryptOptions options) throws SopsException {
    return encrypt(file, content, format, format, options);
  }

  /** As {@link #encrypt(String, byte[], SopsFormat, SopsEncryptOptions)}, written in another format. */
  public static byte[] encrypt(String file, byte[] content, SopsFormat inputFormat, SopsFormat outputFormat, SopsEncryptOptions options) throws SopsException {
    checkSize(file, content);
    Store in = Store.of(inputFormat);
    List<Branch> docs = in instanceof BinaryStore b ? b.loadPlain(content) : in.load(file, content);
    if (in.hasMetadata(docs)) throw new SopsException(file, "is already encrypted with sops");
    if (docs.isEmpty()) throw new SopsException(file, "is empty; there is nothing to encrypt");
    byte[] dataKey = DataKeys.generate();
    SopsMetadata md;
    try {
      md = DataKeys.wrap(file, dataKey, options);
    } catch (IllegalArgumentException e) {
      throw new SopsException(file, e.getMessage());
    }
    String mac = new TreeCrypto(md.selector(), md.macScope()).encrypt(file, docs, dataKey);
    String encMac = ValueCipher.encrypt(Node.Str.of(mac), dataKey, md.lastModified());
    md = new SopsMetadata(md.keyGroups(), md.layout(), md.shamirThreshold(), md.lastModified(), encMac, md.selector(), md.macScope(), md.version());
    Store out = Store.of(outputFormat);
    MetadataPlacement.insert(file, docs, md, out.metadataLayout());
    return out.emit(file, docs);
  }

  /** The OpenPGP fingerprints a file's data key is wrapped for (to look their secret keys up). */
  public static List<String> pgpFingerprints(String file, byte[] content, SopsFormat format) throws SopsException {
    checkSize(file, content);
    Store in = Store.of(format);
    SopsMetadata md = MetadataPlacement.extract(file, in.load(file, content), in.metadataLayout());
    List<String> out = new ArrayList<>();
    md.keyGroups().forEach(g -> g.pgp().forEach(p -> out.add(p.fingerprint())));
    return out;
  }

  private static void checkSize(String file, byte[] content) throws SopsException {
    if (content.length > MAX_FILE_BYTES) {
      throw new SopsException(file, "is " + content.length + " bytes; SOPS files over " + MAX_FILE_BYTES + " bytes (5 MiB) are refused");
    }
  }
}
