package dev.keelson.render;

import dev.keelson.io.Directories;
import dev.keelson.core.manifest.ManifestException;
import dev.keelson.core.manifest.ManifestParser;
import dev.keelson.core.model.Manifest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code kustomize build} (or {@code kubectl kustomize}) on a copy of the tree in a fresh,
 * owner-only temporary directory, which is deleted afterwards whatever happens.
 */
final class Kustomize {

  private static final int MAX_ERROR_CHARS = 4000;

  /** klog's line header: {@code E1126 14:48:25.984211   28260 run.go:72] }. */
  private static final Pattern KLOG_HEADER =
      Pattern.compile("(?m)^[IWEF]\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d+\\s+\\d+ \\S+:\\d+\\] ");

  private static final Pattern KLOG_COMMAND_FAILED = Pattern.compile("\"command failed\" err=\"(.*)\"");

  private static volatile List<String> detected;

  private final List<String> command;
  private final Duration timeout;

  Kustomize(List<String> command, Duration timeout) {
    this.command = List.copyOf(command);
    this.timeout = timeout;
  }

  /**
   * {@code kustomize build} if a kustomize binary is on the PATH, else {@code kubectl kustomize}
   * (kubectl embeds kustomize). Looked up once per process.
   */
  static List<String> detectCommand() throws RenderException {
    List<String> cmd = detected;
    if (cmd == null) {
      Path kustomize = findOnPath("kustomize");
      Path kubectl = kustomize == null ? findOnPath("kubectl") : null;
      if (kustomize != null) {
        cmd = List.of(kustomize.toString(), "build");
      } else if (kubectl != null) {
        cmd = List.of(kubectl.toString(), "kustomize");
      } else {
        throw new RenderException(
            "", "cannot render kustomization: neither kustomize nor kubectl is on the PATH");
      }
      detected = cmd;
    }
    return cmd;
  }

  private static Path findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * @param tree the whole repository, so that overlays can use bases elsewhere in it
   * @param appPath the directory to build, relative to the repository root ("" for the root)
   * @param rootFile the root kustomization's path, used as the file errors are attributed to
   */
  List<Manifest> build(RenderTree tree, String appPath, String rootFile) throws RenderException {
    Path work = null;
    try {
      work = createPrivateTempDirectory();
      Path src = work.resolve("src");
      writeTree(tree, src);
      Path out = work.resolve("stdout");
      Path err = work.resolve("stderr");
      List<String> cmd = new ArrayList<>(command);
      cmd.add(appPath.isEmpty() ? src.toString() : src.resolve(appPath).toString());
      Process process =
          new ProcessBuilder(cmd)
              .directory(work.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new RenderException(
            rootFile, rootFile + ": kustomize build timed out after " + timeout.toSeconds() + "s");
      }
      if (process.exitValue() != 0) {
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        throw new RenderException(
            rootFile, rootFile + ": kustomize build failed: " + cleanError(stderr, src));
      }
      String yaml = Files.readString(out, StandardCharsets.UTF_8);
      try {
        return new ManifestParser().parse(RenderResult.KUSTOMIZE, yaml);
      } catch (ManifestException e) {
        throw new RenderException(rootFile, rootFile + ": kustomize output: " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new RenderException(rootFile, rootFile + ": cannot run kustomize: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RenderException(rootFile, rootFile + ": interrupted while running kustomize", e);
    } finally {
      if (work != null) {
        Directories.deleteQuietly(work); // a leftover in the temp area is not worth failing a render for
      }
    }
  }

  private static Path createPrivateTempDirectory() throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempDirectory(
          "keelson-render-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return Files.createTempDirectory("keelson-render-");
  }

  private static void writeTree(RenderTree tree, Path src) throws IOException {
    Files.createDirectories(src);
    for (String path : tree.paths()) {
      Path target = src.resolve(path).normalize();
      if (!target.startsWith(src)) {
        // RenderTree already refuses such paths; this guards the invariant at the point of use.
        throw new IOException("path escapes the work directory: " + path);
      }
      Files.createDirectories(target.getParent());
      Files.write(target, tree.bytes(path));
    }
  }

  /**
   * kubectl wraps kustomize's error in a klog line; keep the error itself, and show paths relative
   * to the application rather than to a temporary directory that no longer exists.
   */
  static String cleanError(String stderr, Path src) {
    String text = KLOG_HEADER.matcher(stderr).replaceAll("").strip();
    Matcher failed = KLOG_COMMAND_FAILED.matcher(text);
    if (failed.find()) {
      text = failed.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    List<String> roots = new ArrayList<>(List.of(src.toString()));
    try {
      roots.add(0, src.toRealPath().toString());
    } catch (IOException e) {
      // Already deleted or unreadable: the plain path is all there is.
    }
    for (String root : roots) {
      text = text.replace(root + "/", "").replace(root, ".");
    }
    if (text.isEmpty()) {
      text = "no error output";
    }
    return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "..." : text;
  }

}
