package dev.keelson.server.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The lines slf4j-simple writes to standard error while installed, kept for assertions and still
 * passed through. slf4j-simple looks System.err up on every line, so replacing it is enough.
 */
final class AuditLog implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  AuditLog() {
    OutputStream tee = new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (copy) {
          copy.write(b);
        }
        original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (copy) {
          copy.write(b, off, len);
        }
        original.write(b, off, len);
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  List<String> auditLines() {
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("keelson.audit")).toList();
    }
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
