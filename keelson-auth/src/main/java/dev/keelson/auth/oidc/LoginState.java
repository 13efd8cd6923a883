package dev.keelson.auth.oidc;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a login must remember between its start and the provider's redirect back: the state,
 * nonce, PKCE verifier and redirect URI, encrypted (A256GCM, under a key derived from the
 * server key) into the state cookie, so any replica can finish the login and the browser
 * cannot read the verifier.
 */
record LoginState(String state, String nonce, String codeVerifier, URI redirectUri, Instant expiresAt) {
  String seal(byte[] serverKey) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .claim("state", state).claim("nonce", nonce).claim("cv", codeVerifier)
        .claim("redirect", redirectUri.toString()).expirationTime(Date.from(expiresAt)).build();
    try {
      EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), claims);
      jwt.encrypt(new DirectEncrypter(key(serverKey)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot encrypt the login state: " + e.getMessage(), e);
    }
  }

  static Optional<LoginState> open(String cookie, byte[] serverKey) {
    try {
      EncryptedJWT jwt = EncryptedJWT.parse(cookie);
      jwt.decrypt(new DirectDecrypter(key(serverKey)));
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      return Optional.of(new LoginState(c.getStringClaim("state"), c.getStringClaim("nonce"), c.getStringClaim("cv"),
          URI.create(c.getStringClaim("redirect")), c.getExpirationTime().toInstant()));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static byte[] key(byte[] serverKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(serverKey, "HmacSHA256"));
      return mac.doFinal("oidc-login-state".getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "LoginState[redirectUri=" + redirectUri + ", expiresAt=" + expiresAt + "]";
  }
}
