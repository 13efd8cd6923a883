package dev.keelson.cli.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A Java runtime for the image, made by {@code jlink} from the JDK running this process. */
public final class JavaRuntime {
  /**
   * What Keelson and its libraries use (found with jdeps over the CLI's jars, plus the crypto
   * providers TLS needs and jdk.httpserver for /healthz).
   */
  public static final List<String> MODULES = List.of("java.base", "java.compiler", "java.desktop",
      "java.instrument", "java.logging", "java.management", "java.naming", "java.net.http", "java.prefs",
      "java.scripting", "java.security.jgss", "java.security.sasl", "java.sql", "java.xml", "java.xml.crypto",
      "jdk.crypto.ec", "jdk.crypto.cryptoki", "jdk.httpserver", "jdk.unsupported", "jdk.zipfs", "jdk.naming.dns",
      "jdk.management", "jdk.localedata");

  private JavaRuntime() {}

  /** The runtime under {@code cacheDir}, made on first use (jlink takes a while). */
  public static Path in(Path cacheDir) throws IOException, InterruptedException {
    Path dir = cacheDir.resolve("jre-" + Runtime.version().feature() + "-" + Runtime.version());
    if (Files.isExecutable(dir.resolve("bin/java"))) return dir;
    Files.createDirectories(cacheDir);
    Path tmp = Files.createTempDirectory(cacheDir, "jlink-");
    Files.delete(tmp); // jlink wants to create it
    Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
    if (!Files.isExecutable(jlink)) {
      throw new IllegalStateException(jlink + " is missing: building the image needs a JDK (openjdk-17-jdk-headless)");
    }
    Process p = new ProcessBuilder(jlink.toString(), "--add-modules", String.join(",", MODULES),
        "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2", "--output", tmp.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("jlink failed: " + out.strip());
    try {
      Files.move(tmp, dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // another build made it meanwhile: use theirs
    }
    return dir;
  }
}
