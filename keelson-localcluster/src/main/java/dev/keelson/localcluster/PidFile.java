package dev.keelson.localcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process recorded on disk by pid and start time. The start time guards against pid reuse:
 * after a reboot or a long time, the same pid may belong to an unrelated process, which must
 * never be reported as ours or killed.
 */
record PidFile(long pid, long startMillis) {

  static void write(Path file, ProcessHandle handle) throws IOException {
    long start = handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, handle.pid() + " " + start + "\n", StandardCharsets.UTF_8);
    // atomic, so a concurrent reader never mistakes a half-written file for a dead process
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static Optional<PidFile> read(Path file) {
    try {
      String[] parts = Files.readString(file).trim().split("\\s+");
      return Optional.of(new PidFile(Long.parseLong(parts[0]),
          parts.length > 1 ? Long.parseLong(parts[1]) : 0L));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The live process this record names, if it still runs. */
  Optional<ProcessHandle> handle() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> !zombie(h.pid())).filter(h -> {
      if (startMillis == 0L) {
        return true;
      }
      long actual = h.info().startInstant().map(Instant::toEpochMilli).orElse(startMillis);
      // start times derive from clock ticks; allow rounding, not a different process
      return Math.abs(actual - startMillis) < 2_000;
    });
  }

  /**
   * A killed process whose parent has not reaped it yet still "exists" for kill(2), and some
   * container init processes reap late; for us it is dead.
   */
  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int end = stat.lastIndexOf(')');
      return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false; // no procfs: trust isAlive()
    }
  }

  static boolean isAlive(Path file) {
    return read(file).flatMap(PidFile::handle).isPresent();
  }

  /** Stops the recorded process (SIGTERM, then SIGKILL after the grace period); true if it ran. */
  static boolean stop(Path file, Duration grace) {
    Optional<ProcessHandle> handle = read(file).flatMap(PidFile::handle);
    handle.ifPresent(h -> terminate(h, grace));
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover pid file is harmless: the start-time check rejects it later
    }
    return handle.isPresent();
  }

  static void terminate(ProcessHandle handle, Duration grace) {
    handle.destroy();
    try {
      handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      handle.destroyForcibly();
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException ignored) {
        // SIGKILL was sent; nothing more can be done
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handle.destroyForcibly();
    } catch (ExecutionException e) {
      handle.destroyForcibly();
    }
  }
}
