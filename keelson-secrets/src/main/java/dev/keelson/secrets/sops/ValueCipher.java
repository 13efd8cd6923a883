package dev.keelson.secrets.sops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One value as sops's {@code aes} package stores it: {@code ENC[AES256_GCM,data:,iv:,tag:,type:]},
 * AES-256-GCM with a 32-byte IV and the value's path as AAD. The JDK does the cipher; the envelope
 * and the typing rules are sops's and are written here.
 */
final class ValueCipher {
  static final int IV_BYTES = 32;
  private static final int TAG_BITS = 128;
  private static final Pattern ENC = Pattern.compile(
      "^ENC\\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\\]");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Why a value did not decrypt; the message never carries the value. */
  static final class ValueException extends Exception {
    ValueException(String message) {
      super(message);
    }
  }

  private ValueCipher() {}

  static boolean looksEncrypted(String s) {
    return s.startsWith("ENC[AES256_GCM,");
  }

  /** The clear value, typed as sops typed it; an empty string stays an empty string. */
  static Node decrypt(String ciphertext, byte[] key, String aad) throws ValueException {
    if (ciphertext.isEmpty()) return Node.Str.of("");
    Matcher m = ENC.matcher(ciphertext);
    if (!m.find()) throw new ValueException("is not in sops's ENC[AES256_GCM,...] format");
    byte[] data;
    byte[] iv;
    byte[] tag;
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      data = b64.decode(m.group(1));
      iv = b64.decode(m.group(2));
      tag = b64.decode(m.group(3));
    } catch (IllegalArgumentException e) {
      throw new ValueException("has invalid base64 in its ENC[...] envelope");
    }
    String type = m.group(4);
    byte[] plain;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      byte[] input = Arrays.copyOf(data, data.length + tag.length);
      System.arraycopy(tag, 0, input, data.length, tag.length);
      plain = c.doFinal(input);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ValueException("does not authenticate (AES-GCM tag mismatch: altered, moved to another key, or a different data key)");
    }
    return typed(plain, type);
  }

  private static Node typed(byte[] plain, String type) throws ValueException {
    String text = new String(plain, StandardCharsets.UTF_8);
    try {
      return switch (type) {
        case "str", "bytes" -> new Node.Str(plain);
        // sops writes times as RFC 3339 text; the YAML and JSON trees carry them as strings.
        case "time" -> new Node.Str(plain);
        case "int" -> new Node.Int(Long.parseLong(text));
        case "float" -> new Node.Float(Double.parseDouble(text));
        case "bool" -> new Node.Bool(parseGoBool(text));
        case "comment" -> Node.Comment.ownLine(text);
        default -> throw new ValueException("has an unknown type '" + type + "'");
      };
    } catch (NumberFormatException e) {
      throw new ValueException("is not a valid " + type);
    }
  }

  /** Go's {@code strconv.ParseBool}. */
  private static boolean parseGoBool(String s) throws ValueException {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new ValueException("is not a valid bool");
    };
  }

  /** The bytes sops hashes and encrypts for a value ({@code sops.ToBytes}). */
  static byte[] plainBytes(Node value) {
    if (value instanceof Node.Str s) return s.bytes();
    if (value instanceof Node.Int i) return Long.toString(i.value()).getBytes(StandardCharsets.US_ASCII);
    if (value instanceof Node.Float f) return GoFloat.format(f.value()).getBytes(StandardCharsets.US_ASCII);
    if (value instanceof Node.Bool b) return (b.value() ? "True" : "False").getBytes(StandardCharsets.US_ASCII);
    if (value instanceof Node.Comment c) return c.text().getBytes(StandardCharsets.UTF_8);
    throw new IllegalArgumentException("not a leaf: " + value);
  }

  private static String typeOf(Node value) {
    if (value instanceof Node.Str) return "str";
    if (value instanceof Node.Int) return "int";
    if (value instanceof Node.Float) return "float";
    if (value instanceof Node.Bool) return "bool";
    if (value instanceof Node.Comment) return "comment";
    throw new IllegalArgumentException("not a leaf: " + value);
  }

  /** sops leaves empty strings (and empty comments) as they are. */
  static boolean staysEmpty(Node value) {
    return (value instanceof Node.Str s && s.isEmpty()) || (value instanceof Node.Comment c && c.text().isEmpty());
  }

  static String encrypt(Node value, byte[] key, String aad) {
    if (staysEmpty(value)) return "";
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      byte[] out = c.doFinal(plainBytes(value));
      int tagStart = out.length - TAG_BITS / 8;
      Base64.Encoder b64 = Base64.getEncoder();
      return "ENC[AES256_GCM,data:" + b64.encodeToString(Arrays.copyOfRange(out, 0, tagStart))
          + ",iv:" + b64.encodeToString(iv)
          + ",tag:" + b64.encodeToString(Arrays.copyOfRange(out, tagStart, out.length))
          + ",type:" + typeOf(value) + "]";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }
}
