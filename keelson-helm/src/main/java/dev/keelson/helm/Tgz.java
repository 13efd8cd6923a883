package dev.keelson.helm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Chart archives ({@code .tgz}): one top directory holding the chart. */
final class Tgz {

  /** Charts are small; a larger archive is refused rather than filling memory or disk. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private Tgz() {}

  /**
   * The chart's files keyed by path below the archive's top directory ({@code Chart.yaml}, {@code
   * templates/x.yaml}). Links, absolute paths and {@code ..} are refused.
   */
  static Map<String, byte[]> read(byte[] archive) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    long total = 0;
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        if (!entry.isFile()) {
          throw new IOException("chart archive holds a link or special file: " + entry.getName());
        }
        String name = entry.getName();
        if (name.startsWith("/") || ("/" + name + "/").contains("/../") || name.contains("\0")) {
          throw new IOException("chart archive holds an unsafe path: " + name);
        }
        int slash = name.indexOf('/');
        if (slash < 0) {
          continue;
        }
        byte[] content = tar.readAllBytes();
        total += content.length;
        if (total > MAX_BYTES) {
          throw new IOException("chart archive is larger than " + MAX_BYTES + " bytes");
        }
        files.put(name.substring(slash + 1), content);
      }
    }
    return files;
  }
}
