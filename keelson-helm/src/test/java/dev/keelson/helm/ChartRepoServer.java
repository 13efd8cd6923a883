package dev.keelson.helm;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A classic Helm repository on loopback: index.yaml and packaged charts, optionally behind basic auth. */
public final class ChartRepoServer implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final List<String> entries = new ArrayList<>();
  private final String expectedAuth;

  private final String caPem;

  public ChartRepoServer(String username, String password) throws IOException {
    this(username, password, null);
  }

  /**
   * @param tlsDir null for plain HTTP; else HTTPS with a self-signed certificate for 127.0.0.1
   *     made there by the JDK's keytool, whose PEM {@link #caPem()} returns
   */
  ChartRepoServer(String username, String password, Path tlsDir) throws IOException {
    expectedAuth = username == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tlsDir == null) {
      server = HttpServer.create(loopback, 0);
      caPem = null;
    } else {
      Path keystore = tlsDir.resolve("repo.p12");
      Path pem = tlsDir.resolve("repo.pem");
      keytool("-genkeypair", "-alias", "repo", "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
          "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
      keytool("-exportcert", "-rfc", "-alias", "repo", "-keystore", keystore.toString(),
          "-storepass", "changeit", "-file", pem.toString());
      caPem = Files.readString(pem);
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(sslContext(keystore)));
      server = https;
    }
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath().substring(1);
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      byte[] body = files.get(path);
      int status = 200;
      if (expectedAuth != null && !expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        status = 401;
        body = new byte[0];
      } else if (body == null) {
        status = 404;
        body = new byte[0];
      }
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  public String url() {
    return (caPem == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  String caPem() {
    return caPem;
  }

  private static void keytool(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("keytool failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static SSLContext sslContext(Path keystore) throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(keystore)) {
        ks.load(in, "changeit".toCharArray());
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, "changeit".toCharArray());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  /** Packages the chart directory with Helm and lists it in index.yaml. */
  public void publish(Path chartDir, String name, String version) throws Exception {
    Path out = Files.createTempDirectory("keelson-helm-pkg");
    try {
      new Helm(chartDir).packageIt().withDestination(out).call();
      Path tgz = out.resolve(name + "-" + version + ".tgz");
      byte[] bytes = Files.readAllBytes(tgz);
      String file = "charts/" + name + "-" + version + ".tgz";
      files.put(file, bytes);
      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      entries.add("  - name: " + name + "\n    version: " + version + "\n    digest: " + digest
          + "\n    urls: [\"" + file + "\"]\n");
      StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n  " + name + ":\n");
      entries.forEach(index::append);
      files.put("index.yaml", index.toString().getBytes(StandardCharsets.UTF_8));
    } finally {
      Workspace.deleteRecursively(out);
    }
  }

  /** Writes a small chart named {@code name} at {@code version} whose ConfigMap says its version. */
  public static Path writeChart(Path parent, String name, String version) throws IOException {
    Path dir = parent.resolve(name + "-" + version).resolve(name);
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n");
    Files.writeString(dir.resolve("values.yaml"), "greeting: hello\n");
    Files.writeString(dir.resolve("templates/cm.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-%s
        data:
          version: {{ .Chart.Version | quote }}
          greeting: {{ .Values.greeting | quote }}
        """.formatted(name));
    return dir;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
