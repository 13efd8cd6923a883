package dev.keelson.controller.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A Git server gone wrong: every connection is answered with an HTTP 200 of the right content
 * type for the Git protocol, followed by random bytes, and closed.
 */
final class GarbageServer implements AutoCloseable {
  private final ServerSocket server;
  private final Random random = new Random(42);

  GarbageServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::serve, "garbage-git-" + server.getLocalPort());
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        byte[] junk = new byte[4096];
        synchronized (random) {
          random.nextBytes(junk);
        }
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-git-upload-pack-advertisement\r\n"
            + "Content-Length: " + junk.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(junk);
        out.flush();
      } catch (IOException e) {
        if (server.isClosed()) return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
