package dev.keelson.automation.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Pushes tiny images to a registry with the OCI distribution API's uploads (a monolithic blob
 * upload of a config and one empty layer, then a manifest per tag), as a build would. Each tag's
 * config names the tag, so each tag has its own digest.
 */
public final class RegistryUploads {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final String authorization;
  private byte[] layer;
  private String layerDigest;

  /** @param host host:port of a plain-HTTP registry; user null for none */
  public RegistryUploads(String host, String user, String password) {
    this.base = "http://" + host;
    this.authorization = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** @return the manifest digest of each tag, in order */
  public java.util.List<String> push(String repository, String... tags) throws Exception {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String tag : tags) out.add(push(repository, tag, true));
    return out;
  }

  /**
   * @param ownConfig a config (and digest) of its own for this tag; false shares one config for
   *     all tags, one manifest upload per tag (the bench's 10,000 tags)
   */
  public String push(String repository, String tag, boolean ownConfig) throws Exception {
    if (layer == null) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
        gz.write(new byte[1024]); // an empty tar archive
      }
      layer = b.toByteArray();
      layerDigest = digest(layer);
      upload(repository, layer, layerDigest);
    }
    String label = ownConfig ? tag : "shared";
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"tag\":\"" + label + "\"}},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + sha256(new byte[1024]) + "\"]}}")
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = digest(config);
    if (ownConfig || !uploaded.contains(repository + "@" + configDigest)) {
      upload(repository, config, configDigest);
      uploaded.add(repository + "@" + configDigest);
    }
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
        + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
        + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repository + "/manifests/" + tag))
        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
    if (r.statusCode() != 201) throw new IOException("manifest PUT " + tag + ": HTTP " + r.statusCode() + " " + r.body());
    return digest(manifest);
  }

  private final java.util.Set<String> uploaded = new java.util.HashSet<>();

  private void upload(String repository, byte[] blob, String digest) throws Exception {
    HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repository + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    if (start.statusCode() != 202) throw new IOException("blob upload: HTTP " + start.statusCode() + " " + start.body());
    String location = start.headers().firstValue("Location").orElseThrow();
    URI put = URI.create(base).resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
    HttpResponse<String> done = send(HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)));
    if (done.statusCode() != 201) throw new IOException("blob PUT: HTTP " + done.statusCode() + " " + done.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    if (authorization != null) b.header("Authorization", authorization);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String digest(byte[] b) throws NoSuchAlgorithmException {
    return "sha256:" + sha256(b);
  }

  static String sha256(byte[] b) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
