package dev.keelson.cli;

import dev.keelson.controller.sealed.PublishedCertificate;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Where `keelson seal` gets the certificate to seal with: a file, a URL, or the cluster. */
final class SealCertificate {
  private SealCertificate() {}

  /** kubeseal's --cert: a local file, or an http(s) URL. */
  static String fromFileOrUrl(String spec) throws IOException {
    if (spec.startsWith("http://") || spec.startsWith("https://")) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(spec)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("cannot fetch the certificate from " + spec + ": HTTP " + r.statusCode());
        return r.body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while fetching " + spec, e);
      }
    }
    return Files.readString(Path.of(spec));
  }

  /**
   * The certificate the controller publishes (ConfigMap {@code sealed-secrets-cert} in its
   * namespace): reading it needs no access to the key Secrets.
   */
  static String fromCluster(KubernetesClient client, String controllerNamespace) {
    var cm = client.configMaps().inNamespace(controllerNamespace).withName(PublishedCertificate.CONFIG_MAP).get();
    String pem = cm == null || cm.getData() == null ? null : cm.getData().get(PublishedCertificate.KEY);
    if (pem == null) {
      throw new IllegalStateException("no certificate published in ConfigMap " + controllerNamespace + "/"
          + PublishedCertificate.CONFIG_MAP + ": is the controller running with SealedSecrets on (--controller-namespace)?");
    }
    return pem;
  }
}
