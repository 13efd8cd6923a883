package dev.keelson.helm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** SHA-256 helpers; fields are length-prefixed so that no two inputs hash alike by concatenation. */
final class Digests {

  private final MessageDigest md;

  Digests() {
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Digests add(String s) {
    return add(s == null ? new byte[] {(byte) 0xff} : s.getBytes(StandardCharsets.UTF_8));
  }

  Digests add(byte[] bytes) {
    md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    md.update((byte) ':');
    md.update(bytes);
    return this;
  }

  /** Files under {@code prefix} (a directory from the repository root, "" for all), in path order. */
  Digests addTree(Map<String, byte[]> files, String prefix) {
    String p = prefix.isEmpty() ? "" : prefix + "/";
    for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
      if (e.getKey().startsWith(p)) {
        add(e.getKey().substring(p.length()));
        add(e.getValue());
      }
    }
    return this;
  }

  String hex() {
    return HexFormat.of().formatHex(md.digest());
  }

  static String sha256Hex(byte[] bytes) {
    return new Digests().raw(bytes).hex();
  }

  private Digests raw(byte[] bytes) {
    md.update(bytes);
    return this;
  }
}
