package dev.keelson.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** The loopback ports one control plane listens on. */
public record Ports(int apiServer, int etcdClient, int etcdPeer) {

  /** Fixed ports of the CLI's local cluster, chosen away from the usual 6443/2379/2380. */
  public static Ports defaults() {
    return new Ports(16443, 23790, 23800);
  }

  /**
   * Three distinct ports the kernel reports free right now. All three sockets are held open
   * together so the kernel cannot hand out the same port twice; another process may still grab
   * one before the component binds it, which is rare enough for tests.
   */
  public static Ports random() {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sockets.add(socket);
      }
      return new Ports(sockets.get(0).getLocalPort(), sockets.get(1).getLocalPort(),
          sockets.get(2).getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports", e);
    } finally {
      sockets.forEach(Ports::closeQuietly);
    }
  }

  /** Fails with a clear message when something else already listens on one of the ports. */
  public void requireFree() {
    for (int port : List.of(apiServer, etcdClient, etcdPeer)) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (IOException e) {
        throw new IllegalStateException("port 127.0.0.1:" + port
            + " is already in use; stop whatever listens there or choose other ports", e);
      }
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing useful to do: the port is released when the JVM exits anyway
    }
  }
}
