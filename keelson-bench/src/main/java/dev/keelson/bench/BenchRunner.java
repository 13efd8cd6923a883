package dev.keelson.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.time.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one scenario within {@code --timeout}: the scenario runs on a worker thread; whatever
 * happens (success, failure, timeout, Ctrl-C) its cleanup runs; on success the result is printed
 * as one JSON object on the last line of stdout (and written to {@code --out}).
 */
public final class BenchRunner {
  public static final int OK = 0;
  public static final int ERROR = 2;

  /** Time given to a scenario to notice the deadline by itself before it is interrupted. */
  private static final Duration GRACE = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchRunner() {}

  static int run(ScenarioCommand scenario, BenchOptions options, PrintWriter out, PrintWriter err) {
    Duration timeout;
    Map<String, Object> parameters;
    try {
      timeout = Durations.parse(options.timeout);
      if (timeout.isZero() || timeout.isNegative()) throw new IllegalArgumentException("--timeout must be positive");
      parameters = scenario.parameters();
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return ERROR;
    }
    Progress progress = new Progress(err, scenario.name());
    Cleanup cleanup = new Cleanup(err);
    Deadline deadline = Deadline.after(timeout);
    Thread hook = new Thread(cleanup::runAll, "keelson-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "keelson-bench-" + scenario.name());
      t.setDaemon(true);
      return t;
    });
    Map<String, Object> result = new LinkedHashMap<>();
    int code = ERROR;
    try {
      Future<?> f = worker.submit(() -> {
        BenchContext ctx = BenchContext.open(scenario.name(), options, deadline, cleanup, progress);
        result.putAll(ctx.header());
        result.put("timeout_seconds", timeout.toSeconds());
        result.put("parameters", parameters);
        result.putAll(parameters);
        scenario.run(ctx, result);
        result.put("warnings", ctx.warnings);
        return null;
      });
      try {
        f.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        code = OK;
      } catch (TimeoutException e) {
        f.cancel(true);
        err.println("error: timed out after " + Text.duration(timeout) + " (--timeout)");
      } catch (ExecutionException e) {
        err.println("error: " + describe(e.getCause()));
        if (!(e.getCause() instanceof BenchTimeoutException) && System.getenv("KEELSON_BENCH_TRACE") != null) {
          e.getCause().printStackTrace(err);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        f.cancel(true);
        err.println("error: interrupted");
      }
    } finally {
      worker.shutdownNow();
      try {
        if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
          err.println("[bench] the scenario did not stop within 30s; cleaning up anyway");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      progress.say("cleaning up");
      cleanup.runAll();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs (and finds nothing left to do)
      }
      err.flush();
    }
    if (code != OK) return code;
    String json;
    try {
      json = JSON.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      err.println("error: cannot write the result: " + e.getMessage());
      return ERROR;
    }
    out.println(json);
    out.flush();
    if (options.out != null) {
      try {
        if (options.out.toAbsolutePath().getParent() != null) Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.writeString(options.out, json + System.lineSeparator());
      } catch (IOException e) {
        err.println("error: cannot write " + options.out + ": " + e.getMessage());
        return ERROR;
      }
    }
    return OK;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
    if (t instanceof BenchTimeoutException || t instanceof IllegalStateException || t instanceof IllegalArgumentException) {
      return m;
    }
    Throwable cause = t.getCause();
    return t.getClass().getSimpleName() + ": " + m
        + (cause != null && cause.getMessage() != null && !m.contains(cause.getMessage()) ? " (" + cause.getMessage() + ")" : "");
  }
}
