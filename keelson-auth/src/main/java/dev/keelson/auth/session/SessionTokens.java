package dev.keelson.auth.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keelson.auth.AuthException;
import dev.keelson.auth.Subject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session tokens: JWTs signed with HS256 by the key in {@code keelson-server-key}, so any server
 * replica verifies them without a session table, as Argo CD's are. Each carries a random id
 * ({@code jti}); its CSRF token is an HMAC of that id under the same key, bound to the session
 * and checkable without state. A logout remembers the id until the token would have expired.
 */
public final class SessionTokens {
  static final String ISSUER = "keelson";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Supplier<byte[]> key;
  private final Clock clock;
  private final SessionOptions options;
  private final Map<String, Instant> loggedOut = new ConcurrentHashMap<>();

  public SessionTokens(Supplier<byte[]> key, Clock clock, SessionOptions options) {
    this.key = key;
    this.clock = clock;
    this.options = options;
  }

  public IssuedSession issue(String name, Set<String> groups, Subject.Method method) {
    Instant now = clock.instant();
    Instant exp = now.plus(options.lifetime());
    byte[] idBytes = new byte[16];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER).subject(name).jwtID(id)
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(exp))
        .claim("groups", List.copyOf(groups)).claim("method", method.name())
        .build();
    byte[] k = key.get();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(k));
      return new IssuedSession(jwt.serialize(), exp, csrf(k, id));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a session token: " + e.getMessage(), e);
    }
  }

  /** @throws AuthException UNAUTHENTICATED for a token that is not ours, expired or logged out */
  public SessionClaims verify(String token) throws AuthException {
    Instant now = clock.instant();
    JWTClaimsSet c;
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key.get()))) {
        throw unauthenticated("invalid session token");
      }
      c = jwt.getJWTClaimsSet();
    } catch (ParseException | JOSEException e) {
      throw unauthenticated("invalid session token");
    }
    if (!ISSUER.equals(c.getIssuer()) || c.getExpirationTime() == null || c.getJWTID() == null || c.getSubject() == null) {
      throw unauthenticated("invalid session token");
    }
    Instant exp = c.getExpirationTime().toInstant();
    if (!exp.isAfter(now)) throw unauthenticated("session expired");
    if (c.getNotBeforeTime() != null && c.getNotBeforeTime().toInstant().isAfter(now)) throw unauthenticated("invalid session token");
    if (loggedOut.containsKey(c.getJWTID())) throw unauthenticated("session ended");
    Subject.Method method;
    Set<String> groups = new HashSet<>();
    try {
      method = Subject.Method.valueOf(c.getStringClaim("method"));
      List<String> g = c.getStringListClaim("groups");
      if (g != null) groups.addAll(g);
    } catch (ParseException | IllegalArgumentException | NullPointerException e) {
      throw unauthenticated("invalid session token");
    }
    return new SessionClaims(c.getJWTID(), c.getSubject(), groups, method, exp);
  }

  /** Ends a session; a token that does not verify has nothing to end. */
  public void logout(String token) {
    try {
      SessionClaims c = verify(token);
      Instant now = clock.instant();
      loggedOut.values().removeIf(exp -> !exp.isAfter(now));
      loggedOut.put(c.id(), c.expiresAt());
    } catch (AuthException e) {
      // already invalid
    }
  }

  /** Whether {@code header} is the CSRF token of the session {@code id}, compared in constant time. */
  public boolean csrfMatches(String sessionId, String header) {
    byte[] expected = csrf(key.get(), sessionId).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.US_ASCII));
  }

  /** The CSRF token of the session a token carries: what a browser that logged in by OIDC asks for. */
  public String csrfToken(String token) throws AuthException {
    return csrf(key.get(), verify(token).id());
  }

  private static String csrf(byte[] key, String sessionId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] out = mac.doFinal(("csrf:" + sessionId).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AuthException unauthenticated(String message) {
    return new AuthException(AuthException.Kind.UNAUTHENTICATED, message);
  }
}
