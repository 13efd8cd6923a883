package dev.keelson.secrets.sealed;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * New sealing keys as upstream makes them: RSA-4096 and a self-signed certificate for
 * {@code CN=sealed-secret, O=sealed-secret}, valid ten years. The certificate only carries the
 * public key to kubeseal; nothing verifies a chain.
 */
public final class KeyGenerator {
  public static final int KEY_BITS = 4096;
  public static final String SUBJECT = "CN=sealed-secret,O=sealed-secret";
  static final Duration VALIDITY = Duration.ofDays(3650);
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyGenerator() {}

  public static SealingKey generate(String name, Instant now) throws SealedSecretException {
    return generate(name, now, KEY_BITS);
  }

  /** Smaller sizes are for tests of this class only; the engine always uses {@link #KEY_BITS}. */
  static SealingKey generate(String name, Instant now, int bits) throws SealedSecretException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits, RANDOM);
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name(SUBJECT);
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          subject, new BigInteger(128, RANDOM).setBit(127), Date.from(now.minusSeconds(60)),
          Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.encipherOnly | KeyUsage.keyCertSign));
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
      return new SealingKey(name, (RSAPrivateKey) pair.getPrivate(), cert, now);
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new SealedSecretException("cannot generate a sealing key: " + e.getMessage(), e);
    }
  }
}
