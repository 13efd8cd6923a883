package dev.keelson.secrets.sealed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM as upstream writes it: private keys as PKCS#1 ({@code RSA PRIVATE KEY}), certificates as
 * {@code CERTIFICATE}. PKCS#8 ({@code PRIVATE KEY}) is read too: keys exported by other tools use it.
 * Messages never include the PEM.
 */
public final class Pem {
  private Pem() {}

  public static String privateKey(RSAPrivateKey key) {
    try {
      byte[] pkcs1 = PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
      return write(new PemObject("RSA PRIVATE KEY", pkcs1));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an RSA key", e);
    }
  }

  public static String certificate(X509Certificate cert) {
    try {
      return write(new PemObject("CERTIFICATE", cert.getEncoded()));
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode a certificate", e);
    }
  }

  /** An RSA private key in PKCS#1 or PKCS#8 PEM. */
  public static RSAPrivateKey parsePrivateKey(String pem, String source) throws SealedSecretException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      java.security.PrivateKey key;
      if (o instanceof PEMKeyPair pair) key = converter.getPrivateKey(pair.getPrivateKeyInfo());
      else if (o instanceof PrivateKeyInfo info) key = converter.getPrivateKey(info);
      else throw new SealedSecretException(source + ": no unencrypted RSA private key (PKCS#1 or PKCS#8 PEM) found");
      if (!(key instanceof RSAPrivateKey rsa)) throw new SealedSecretException(source + ": not an RSA private key");
      return rsa;
    } catch (IOException e) {
      throw new SealedSecretException(source + ": cannot read the private key PEM", e);
    }
  }

  /** The first certificate of a PEM bundle. */
  public static X509Certificate parseCertificate(String pem, String source) throws SealedSecretException {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      var cert = factory.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      return (X509Certificate) cert;
    } catch (CertificateException e) {
      throw new SealedSecretException(source + ": not a PEM certificate", e);
    }
  }

  /** The RSA public key of a PEM certificate, as kubeseal's --cert takes it. */
  public static RSAPublicKey parsePublicKey(String pem, String source) throws SealedSecretException {
    PublicKey key = parseCertificate(pem, source).getPublicKey();
    if (!(key instanceof RSAPublicKey rsa)) throw new SealedSecretException(source + ": the certificate's key is not RSA");
    return rsa;
  }

  private static String write(PemObject object) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
