package dev.keelson.controller.images;

import dev.keelson.api.images.v1alpha1.ImageRepositorySpec;
import dev.keelson.automation.image.ImageName;
import dev.keelson.automation.registry.DockerConfig;
import dev.keelson.automation.registry.RegistryClient;
import dev.keelson.automation.registry.RegistryCredentials;
import dev.keelson.controller.repos.SecretData;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An ImageRepository's way into its registry: the credentials of its {@code secretRef} (a
 * dockerconfigjson Secret), the CA of its {@code certSecretRef}, plain HTTP when
 * {@code insecure}. Clients are kept per TLS setting, so bearer tokens are reused between scans.
 */
final class RegistryAccess {
  record Access(RegistryClient client, RegistryCredentials credentials) {}

  private final KubernetesClient kube;
  private final Clock clock;
  private final ConcurrentHashMap<String, RegistryClient> clients = new ConcurrentHashMap<>();

  RegistryAccess(KubernetesClient kube, Clock clock) {
    this.kube = kube;
    this.clock = clock;
  }

  /** @throws IllegalArgumentException naming the field and Secret when the spec cannot be used */
  Access of(String namespace, ImageRepositorySpec spec, ImageName image, Duration timeout) {
    RegistryCredentials creds = RegistryCredentials.ANONYMOUS;
    if (spec.secretRef != null && spec.secretRef.name != null) {
      Map<String, String> data = secret(namespace, spec.secretRef.name, "spec.secretRef");
      String json = data.get(".dockerconfigjson");
      if (json == null) json = data.get(".dockercfg");
      if (json == null) {
        throw new IllegalArgumentException("spec.secretRef: Secret " + spec.secretRef.name
            + " has no .dockerconfigjson (a Secret of type kubernetes.io/dockerconfigjson)");
      }
      try {
        creds = DockerConfig.credentialsFor(json, image.registry());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("spec.secretRef: Secret " + spec.secretRef.name + ": " + e.getMessage());
      }
    }
    String ca = null;
    if (spec.certSecretRef != null && spec.certSecretRef.name != null) {
      Map<String, String> data = secret(namespace, spec.certSecretRef.name, "spec.certSecretRef");
      ca = data.getOrDefault("ca.crt", data.get("caFile"));
      if (ca == null) throw new IllegalArgumentException("spec.certSecretRef: Secret " + spec.certSecretRef.name + " has no ca.crt");
    }
    boolean insecure = Boolean.TRUE.equals(spec.insecure);
    String pem = ca;
    String key = insecure + "/" + (pem == null ? "" : digest(pem)) + "/" + timeout.toMillis();
    RegistryClient client = clients.computeIfAbsent(key,
        k -> new RegistryClient(new RegistryClient.Options(insecure, pem == null ? null : trusting(pem), timeout), clock));
    return new Access(client, creds);
  }

  private Map<String, String> secret(String namespace, String name, String field) {
    Secret s = kube.secrets().inNamespace(namespace).withName(name).get();
    if (s == null) throw new IllegalArgumentException(field + ": Secret " + namespace + "/" + name + " not found");
    return SecretData.of(s);
  }

  private static SSLContext trusting(String pem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (var cert : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))) {
        store.setCertificateEntry("ca-" + i++, (X509Certificate) cert);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (Exception e) {
      throw new IllegalArgumentException("spec.certSecretRef: ca.crt is not a PEM certificate");
    }
  }

  private static String digest(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
