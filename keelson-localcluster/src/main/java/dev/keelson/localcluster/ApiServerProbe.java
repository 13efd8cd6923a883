package dev.keelson.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Plain HTTP checks against the API server, trusting only our CA. It deliberately needs no
 * Kubernetes client: it runs before the server can answer API calls at all.
 */
final class ApiServerProbe {

  private final URI base;
  private final String token;
  private final HttpClient http;

  ApiServerProbe(URI base, Path caCert, String token) {
    this.base = base;
    this.token = token;
    this.http = HttpClient.newBuilder()
        .sslContext(sslContext(caCert))
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  /** True when {@code /readyz} answers 200 "ok" (all post-start hooks, RBAC bootstrap included). */
  boolean ready() {
    Response r = get("/readyz");
    return r.status() == 200 && r.body().trim().equals("ok");
  }

  /** GET with the admin token; status -1 when the server cannot be reached. */
  Response get(String path) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + token)
        .GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Response(-1, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(-1, "interrupted");
    }
  }

  /** etcd's own health endpoint (plain HTTP on loopback). */
  static boolean etcdHealthy(int clientPort) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + "/health"))
        .timeout(Duration.ofSeconds(3)).GET().build();
    try {
      HttpResponse<String> response = HttpClient.newHttpClient()
          .send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"health\":\"true\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  record Response(int status, String body) {
  }

  private static SSLContext sslContext(Path caCert) {
    try (InputStream in = Files.newInputStream(caCert)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("keelson-local-ca",
          CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load CA certificate " + caCert, e);
    }
  }
}
