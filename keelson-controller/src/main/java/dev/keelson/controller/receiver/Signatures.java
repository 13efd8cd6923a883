package dev.keelson.controller.receiver;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whether a request comes from whoever holds the Receiver's token: an HMAC of the body (GitHub,
 * Gitea, Bitbucket Server, generic-hmac) or the token itself (GitLab), compared in constant time.
 * {@code generic} has only the path, whose digest already includes the token.
 */
final class Signatures {
  private Signatures() {}

  /** @param header the request's header by name (case-insensitive), null when absent */
  static boolean verify(ReceiverType type, String token, byte[] body, Function<String, String> header) {
    return switch (type) {
      case github -> hmacHeader(header.apply("X-Hub-Signature-256"), token, body, "sha256");
      case gitea -> hmacHeader(header.apply("X-Hub-Signature-256"), token, body, "sha256")
          || hex(header.apply("X-Gitea-Signature"), token, body, "HmacSHA256");
      case bitbucket -> hmacHeader(header.apply("X-Hub-Signature"), token, body, null);
      case generic_hmac -> hmacHeader(header.apply("X-Signature"), token, body, null);
      case gitlab -> header.apply("X-Gitlab-Token") != null && MessageDigest.isEqual(
          header.apply("X-Gitlab-Token").getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
      case generic -> true;
    };
  }

  /**
   * {@code ALG=HEX}; {@code required} names the only algorithm accepted, null accepts sha1, sha256
   * and sha512 (generic-hmac and Bitbucket Server, as Flux accepts them).
   */
  private static boolean hmacHeader(String value, String token, byte[] body, String required) {
    if (value == null) return false;
    int eq = value.indexOf('=');
    if (eq < 0) return false;
    String alg = value.substring(0, eq).strip().toLowerCase(Locale.ROOT);
    if (required != null && !alg.equals(required)) return false;
    String mac = switch (alg) {
      case "sha1" -> "HmacSHA1";
      case "sha256" -> "HmacSHA256";
      case "sha512" -> "HmacSHA512";
      default -> null;
    };
    return mac != null && hex(value.substring(eq + 1), token, body, mac);
  }

  private static boolean hex(String given, String token, byte[] body, String algorithm) {
    if (given == null) return false;
    byte[] expected = hmac(algorithm, token, body);
    byte[] actual;
    try {
      actual = HexFormat.of().parseHex(given.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, actual);
  }

  static byte[] hmac(String algorithm, String token, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }

  /** Flux's path: /hook/ and the hex SHA-256 of token, name and namespace concatenated. */
  static String path(String token, String name, String namespace) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest((token + name + namespace).getBytes(StandardCharsets.UTF_8));
      return "/hook/" + HexFormat.of().formatHex(d);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
