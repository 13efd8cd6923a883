package dev.keelson.controller.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link ControllerMain} started from the test class path in a JVM of its own; {@link #kill()} is
 * SIGKILL, the way an OOM killer or a node failure ends a controller: no shutdown hook, no
 * finally block, no Lease released.
 */
final class ControllerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Path log;
  private final long startedIn;

  private ControllerProcess(Process process, Path log, long startedIn) {
    this.process = process;
    this.log = log;
    this.startedIn = startedIn;
  }

  /** Starts a controller watching {@code namespace}; returns once its informers are up. */
  static ControllerProcess start(Path kubeconfig, String namespace) throws IOException {
    return launch(List.of(kubeconfig.toString(), namespace));
  }

  /** A sharded replica ({@code --sharded}) named {@code id}, its Lease in {@code controllerNs}. */
  static ControllerProcess startSharded(Path kubeconfig, String namespace, String controllerNs, String id)
      throws IOException {
    return launch(List.of(kubeconfig.toString(), namespace, controllerNs, id));
  }

  private static ControllerProcess launch(List<String> args) throws IOException {
    long t0 = System.nanoTime();
    Path log = Files.createTempFile("keelson-controller-", ".log");
    // the launcher's flags for 2 cores: C1 only starts faster and leaves the CPU to the API server
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        ControllerMain.class.getName()));
    if (args.size() > 2) command.add(1, "-Dorg.slf4j.simpleLogger.log.dev.keelson=debug");
    command.addAll(args);
    Process p = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ControllerProcess c = new ControllerProcess(p, log, 0);
    try {
      Apps.until("the controller process to start", START_TIMEOUT, () -> {
        if (!p.isAlive()) throw new AssertionError("the controller process exited: " + c.logText());
        return c.logText().contains(ControllerMain.STARTED);
      });
    } catch (RuntimeException | AssertionError e) {
      p.destroyForcibly();
      throw new AssertionError("the controller process did not start; its output:\n" + c.logText(), e);
    }
    return new ControllerProcess(p, log, Apps.millisSince(t0));
  }

  /** Milliseconds from launch to informers up. */
  long startedIn() {
    return startedIn;
  }

  /** SIGKILL; returns once the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("the controller survived SIGKILL");
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
