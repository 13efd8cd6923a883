package dev.keelson.localcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The key material of one control plane, made with the openssl CLI: a CA, a serving certificate
 * for the API server signed by it (so clients verify TLS against the CA instead of skipping
 * verification), and the service-account signing key pair.
 */
record ClusterPki(Path caCert, Path caKey, Path serverCert, Path serverKey, Path saKey, Path saPub) {

  /** Names the serving certificate must cover: loopback, and the in-cluster service names/IP. */
  private static final String SERVER_SANS = String.join(",",
      "IP:127.0.0.1", "IP:10.0.0.1", "DNS:localhost", "DNS:kubernetes", "DNS:kubernetes.default",
      "DNS:kubernetes.default.svc", "DNS:kubernetes.default.svc.cluster.local");

  static ClusterPki generate(Path dir) throws IOException {
    Files.createDirectories(dir);
    ClusterPki pki = new ClusterPki(dir.resolve("ca.crt"), dir.resolve("ca.key"),
        dir.resolve("apiserver.crt"), dir.resolve("apiserver.key"), dir.resolve("sa.key"),
        dir.resolve("sa.pub"));
    // A private openssl config: the system one may add extensions that clash with ours.
    Path config = dir.resolve("openssl.cnf");
    Files.writeString(config, """
        [req]
        distinguished_name = dn
        prompt = no
        [dn]
        CN = keelson-local-ca
        [server_dn]
        CN = kube-apiserver
        [v3_ca]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign,digitalSignature
        subjectKeyIdentifier = hash
        [v3_server]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = serverAuth
        authorityKeyIdentifier = keyid
        subjectAltName = %s
        """.formatted(SERVER_SANS), StandardCharsets.UTF_8);
    Path csr = dir.resolve("apiserver.csr");
    openssl(dir, "req", "-x509", "-config", config.toString(), "-extensions", "v3_ca",
        "-newkey", "rsa:2048", "-nodes", "-keyout", pki.caKey.toString(),
        "-out", pki.caCert.toString(), "-days", "3650");
    openssl(dir, "req", "-new", "-config", config.toString(), "-subj", "/CN=kube-apiserver",
        "-newkey", "rsa:2048", "-nodes", "-keyout", pki.serverKey.toString(),
        "-out", csr.toString());
    openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", pki.caCert.toString(),
        "-CAkey", pki.caKey.toString(), "-set_serial", "0x" + randomHex(16), "-days", "3650",
        "-extfile", config.toString(), "-extensions", "v3_server", "-out", pki.serverCert.toString());
    openssl(dir, "genrsa", "-out", pki.saKey.toString(), "2048");
    openssl(dir, "rsa", "-in", pki.saKey.toString(), "-pubout", "-out", pki.saPub.toString());
    Files.deleteIfExists(csr);
    return pki;
  }

  static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    // a leading zero nibble keeps a certificate serial positive, as RFC 5280 wants
    b[0] &= 0x7f;
    return HexFormat.of().formatHex(b);
  }

  private static void openssl(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("openssl timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while running openssl", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("openssl failed (exit " + process.exitValue() + "): " + command
          + "\n" + Files.readString(log));
    }
  }
}
