package dev.keelson.bench;

import dev.keelson.controller.engine.ObjectPreparer;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.core.manifest.ManifestException;
import dev.keelson.core.manifest.ManifestParser;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.plan.KindOrder;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.kube.ApiDiscovery;
import dev.keelson.kube.ResourceClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The ceiling the engine is measured against: the same objects, with the same bodies the engine
 * applies (parsed and stamped by the engine's own parser and preparer), server-side-applied in
 * the engine's order by {@code concurrency} threads, one app at a time per thread, with a client
 * built like the engine's and the engine's own {@link ResourceClient}. Nothing else: no source,
 * no diff, no dry-run, no status.
 */
final class BareApplyLoop {
  record Result(long nanos, RequestCounter.Snapshot requests) {}

  private BareApplyLoop() {}

  /** The app's objects as the engine would apply them to {@code ns}, in apply order. */
  static List<Manifest> prepare(ApiDiscovery discovery, BenchRepo repo, String app, AppRef ref, String ns)
      throws IOException, ReconcileFailure, ManifestException {
    Map<String, String> files = new java.util.TreeMap<>();
    Path dir = repo.dir().resolve(BenchRepo.appPath(app));
    try (Stream<Path> listed = Files.list(dir)) {
      for (Path f : listed.toList()) files.put(f.getFileName().toString(), Files.readString(f));
    }
    return prepare(discovery, files, app, ref, ns);
  }

  /** @param files the app's manifests by file name */
  static List<Manifest> prepare(ApiDiscovery discovery, Map<String, String> files, String app, AppRef ref, String ns)
      throws ReconcileFailure, ManifestException {
    ManifestParser parser = new ManifestParser();
    List<Manifest> parsed = new ArrayList<>();
    for (Map.Entry<String, String> f : new java.util.TreeMap<>(files).entrySet()) {
      parsed.addAll(parser.parse(BenchRepo.appPath(app) + "/" + f.getKey(), f.getValue()));
    }
    List<Manifest> prepared = new ArrayList<>(new ObjectPreparer(discovery).prepare(ref, ns, parsed));
    prepared.sort(KindOrder.applyOrder());
    return prepared;
  }

  static Result run(BenchContext ctx, List<List<Manifest>> apps, int concurrency) throws Exception {
    return run(ctx, apps, concurrency, false);
  }

  /**
   * @param validate per app, first dry-run every object, then apply them: the engine's
   *     validate-then-apply, without anything else of the engine
   */
  static Result run(BenchContext ctx, List<List<Manifest>> apps, int concurrency, boolean validate) throws Exception {
    RequestCounter counter = new RequestCounter();
    try (KubernetesClient client = EngineUnderTest.countingClient(ctx.config, counter)) {
      ResourceClient resources = new ResourceClient(client, new ApiDiscovery(client));
      int total = apps.stream().mapToInt(List::size).sum();
      AtomicInteger next = new AtomicInteger();
      AtomicLong applied = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      long t0 = System.nanoTime();
      try {
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
          workers.add(pool.submit(() -> {
            for (int i = next.getAndIncrement(); i < apps.size(); i = next.getAndIncrement()) {
              if (validate) {
                for (Manifest m : apps.get(i)) {
                  ctx.deadline.check("validating the baseline");
                  resources.dryRun(m.body(), m.key());
                }
              }
              for (Manifest m : apps.get(i)) {
                ctx.deadline.check("applying the baseline");
                resources.apply(m.body(), m.key());
                applied.incrementAndGet();
              }
            }
            return null;
          }));
        }
        for (Future<?> f : workers) {
          while (true) {
            try {
              f.get(200, TimeUnit.MILLISECONDS);
              break;
            } catch (java.util.concurrent.TimeoutException e) {
              ctx.deadline.check("applying the baseline");
              ctx.progress.every(() -> (validate ? "validated baseline: " : "baseline: ") + applied.get() + "/" + total
                  + " objects applied");
            }
          }
        }
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception ex ? ex : e;
      } finally {
        pool.shutdownNow();
      }
      return new Result(System.nanoTime() - t0, counter.snapshot());
    }
  }
}
