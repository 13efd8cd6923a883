package dev.keelson.controller.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy standing for the network between the controller and a cluster or a Git
 * server: {@link #cut()} drops every connection and refuses new ones (by closing them at once),
 * {@link #restore()} lets them through again (and ends any {@link #degrade}). The server behind it
 * keeps running. {@link #degrade} makes the network slow and lossy, {@link #retarget} sends new
 * connections to another server.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private volatile InetSocketAddress target;
  private volatile boolean cut;
  private volatile Degradation degradation = Degradation.NONE;

  /**
   * A slow, lossy network: every chunk forwarded (either way) waits {@code latency}, and every
   * {@code dropEvery}-th new connection is closed at once (0: none).
   */
  public record Degradation(Duration latency, int dropEvery) {
    static final Degradation NONE = new Degradation(Duration.ZERO, 0);
  }

  public TcpProxy(String host, int port) throws IOException {
    this.target = new InetSocketAddress(host, port);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "tcp-proxy-" + server.getLocalPort());
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public void cut() {
    cut = true;
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  public void restore() {
    cut = false;
    degradation = Degradation.NONE;
  }

  public void degrade(Degradation how) {
    degradation = how;
  }

  /** New connections go to {@code port} on loopback; open ones are dropped. */
  public void retarget(int port) {
    target = new InetSocketAddress("127.0.0.1", port);
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  /** Connections accepted so far (dropped ones included). */
  public int accepted() {
    return accepted.get();
  }

  /** Connections closed at once by a {@link #degrade degradation} (not by {@link #cut}). */
  public int dropped() {
    return dropped.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      int n = accepted.incrementAndGet();
      int dropEvery = degradation.dropEvery();
      if (cut || (dropEvery > 0 && n % dropEvery == 0)) {
        if (!cut) dropped.incrementAndGet();
        closeQuietly(client);
        continue;
      }
      try {
        Socket upstream = new Socket();
        upstream.connect(target, 2_000);
        open.add(client);
        open.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          delay(degradation.latency());
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed: close both below
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "tcp-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  // the latency is the fault being simulated, not a test waiting for something
  private static void delay(Duration latency) throws IOException {
    if (latency.isZero()) return;
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
    server.close();
  }
}
