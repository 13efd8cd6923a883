package dev.keelson.helm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP for chart downloads. Plain {@code http} only to loopback; credentials only to the host they
 * belong to; a CA certificate adds to the JVM's trust rather than replacing it.
 */
final class Http {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  record Response(int status, byte[] body, Map<String, java.util.List<String>> headers) {
    String header(String name) {
      for (Map.Entry<String, java.util.List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpClient client;

  Http(RepositoryAuth auth) throws IOException {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL);
    if (auth.caCertificatePem() != null && !auth.caCertificatePem().isBlank()) {
      b.sslContext(sslContext(auth.caCertificatePem()));
    }
    client = b.build();
  }

  static void checkScheme(URI uri) throws IOException {
    String scheme = uri.getScheme();
    if ("https".equals(scheme)) {
      return;
    }
    if ("http".equals(scheme) && isLoopback(uri.getHost())) {
      return;
    }
    throw new IOException("only https:// (or http:// on loopback) is allowed, not " + Redaction.url(uri.toString()));
  }

  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    if (host.equals("localhost")) {
      return true;
    }
    try {
      String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      return h.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(h).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  Response get(URI uri, String authorization, String accept) throws IOException {
    checkScheme(uri);
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    if (authorization != null) {
      req.header("Authorization", authorization);
    }
    if (accept != null) {
      req.header("Accept", accept);
    }
    try {
      HttpResponse<byte[]> r = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.body() != null && r.body().length > Tgz.MAX_BYTES) {
        throw new IOException("response larger than " + Tgz.MAX_BYTES + " bytes");
      }
      return new Response(r.statusCode(), r.body(), r.headers().map());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static String basic(RepositoryAuth auth) {
    if (!auth.hasCredentials()) {
      return null;
    }
    String pair = auth.username() + ":" + (auth.password() == null ? "" : auth.password());
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : ("https".equalsIgnoreCase(u.getScheme()) ? 443 : 80);
  }

  private static SSLContext sslContext(String pem) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      defaults.init((KeyStore) null);
      int i = 0;
      for (javax.net.ssl.TrustManager tm : defaults.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          for (Certificate c : x509.getAcceptedIssuers()) {
            store.setCertificateEntry("jvm-" + i++, c);
          }
        }
      }
      for (Certificate c : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("invalid CA certificate: " + e.getMessage(), e);
    }
  }
}
