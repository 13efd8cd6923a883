package dev.keelson.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap, RSS and CPU of this process over one phase of a run. Heap: the largest used heap seen by
 * sampling {@link MemoryMXBean} every 100 ms (pool peaks are reset at the start). RSS: the
 * kernel's high-water mark {@code VmHWM}, reset at the start through {@code /proc/self/clear_refs}
 * when allowed, else the largest sampled {@code VmRSS}. CPU: process CPU time (all threads).
 */
final class ResourceSampler implements AutoCloseable {
  private static final long PERIOD_MS = 100;
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  /** What one phase used. */
  record Usage(long heapPeakBytes, long rssPeakBytes, String rssSource, long cpuNanos, long wallNanos,
      int threadsPeak) {}

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong heapPeak = new AtomicLong();
  private final AtomicLong rssPeak = new AtomicLong();
  private final AtomicLong threadsPeak = new AtomicLong();
  private final String threadPrefix;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final boolean hwmReset;
  private final long cpuStart;
  private final long wallStart;
  private final Thread thread;
  private volatile boolean running = true;

  private ResourceSampler(String threadPrefix) {
    this.threadPrefix = threadPrefix;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) pool.resetPeakUsage();
    }
    hwmReset = resetHighWaterMark();
    cpuStart = processCpuNanos();
    wallStart = System.nanoTime();
    sample();
    thread = new Thread(this::loop, "keelson-bench-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  static ResourceSampler start() {
    return new ResourceSampler(null);
  }

  /**
   * Also samples how many threads are named {@code threadPrefix...} at once: JOSDK names a
   * thread {@code ReconcilerExecutor-<controller>-<id>} while it runs a reconcile, so this is the
   * number of reconciles in flight.
   */
  static ResourceSampler start(String threadPrefix) {
    return new ResourceSampler(threadPrefix);
  }

  private void loop() {
    while (running) {
      sample();
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    rssPeak.accumulateAndGet(statusKb("VmRSS") * 1024, Math::max);
    if (threadPrefix != null) {
      long n = 0;
      for (ThreadInfo t : threads.dumpAllThreads(false, false, 0)) {
        if (t != null && t.getThreadName().startsWith(threadPrefix)) n++;
      }
      threadsPeak.accumulateAndGet(n, Math::max);
    }
  }

  /** Stops sampling and returns the phase's figures. */
  Usage stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
    long rss = rssPeak.get();
    String source = "sampled VmRSS";
    if (hwmReset) {
      long hwm = statusKb("VmHWM") * 1024;
      if (hwm > 0) {
        rss = Math.max(rss, hwm);
        source = "VmHWM";
      }
    }
    return new Usage(heapPeak.get(), rss, source, processCpuNanos() - cpuStart, System.nanoTime() - wallStart,
        (int) threadsPeak.get());
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }

  /** Heap in use right after a full collection: the live set. */
  static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long heapMax() {
    return Runtime.getRuntime().maxMemory();
  }

  static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return Math.max(0, sun.getProcessCpuTime());
    }
    return 0;
  }

  static long totalMemoryBytes() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize();
    }
    return 0;
  }

  /** Writing 5 to clear_refs resets the peak RSS (VmHWM) of the process (Linux 4.0+). */
  private static boolean resetHighWaterMark() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** A {@code kB} field of /proc/self/status, 0 when unavailable (not Linux). */
  static long statusKb(String field) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(field + ":")) {
          String v = line.substring(field.length() + 1).trim();
          int space = v.indexOf(' ');
          return Long.parseLong(space > 0 ? v.substring(0, space) : v);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
