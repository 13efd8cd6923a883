package dev.keelson.localcluster;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running component (etcd, kube-apiserver, ...). Output always goes to a log file and the pid
 * to a pid file, in both modes: the log tail explains a failed start, and the pid file lets a
 * later run find (and stop) what an earlier one left behind.
 */
final class ComponentProcess {

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final String name;
  private final ProcessHandle handle;
  private final Path logFile;
  private final Path pidFile;

  private ComponentProcess(String name, ProcessHandle handle, Path logFile, Path pidFile) {
    this.name = name;
    this.handle = handle;
    this.logFile = logFile;
    this.pidFile = pidFile;
  }

  static ComponentProcess start(String name, List<String> command, StateLayout layout,
      ControlPlane.Mode mode)
      throws IOException {
    List<String> full = new ArrayList<>();
    if (mode == ControlPlane.Mode.DETACHED && Files.isExecutable(SETSID)) {
      // setsid execs in place (a child of the JVM is no group leader), so the pid stays the
      // component's own, and SIGHUP from a closing terminal no longer reaches it
      full.add(SETSID.toString());
    }
    full.addAll(command);
    Path log = layout.logFile(name);
    // appended: a component restarted by a fault test keeps the log of its first life above
    Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Process process = new ProcessBuilder(full)
        .directory(layout.root().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    Path pid = layout.pidFile(name);
    PidFile.write(pid, process.toHandle());
    return new ComponentProcess(name, process.toHandle(), log, pid);
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return handle.isAlive();
  }

  void stop(Duration grace) {
    if (handle.isAlive()) {
      PidFile.terminate(handle, grace);
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException ignored) {
      // harmless leftover, see PidFile
    }
  }

  /** SIGKILL, no grace: the process gets no chance to clean up. Returns once it has exited. */
  void kill() {
    handle.destroyForcibly();
    try {
      handle.onExit().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(name + " did not exit after SIGKILL", e);
    }
  }

  /** The last lines of the component's log, to put into error messages. */
  String logTail(int lines) {
    return tail(logFile, lines);
  }

  static String tail(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return "(no log at " + file + ")";
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      long from = Math.max(0, length - 16_384);
      byte[] bytes = new byte[(int) (length - from)];
      raf.seek(from);
      raf.readFully(bytes);
      List<String> all = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
