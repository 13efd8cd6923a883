package dev.keelson.bench;

import dev.keelson.helm.HelmOptions;
import dev.keelson.helm.HelmRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Render time per app of the Helm shape: every app's chart rendered once by the Helm engine
 * through the same renderer the controller uses, before the engine runs, each chart new to it
 * (nothing cached).
 */
final class HelmRenderTimes {
  private HelmRenderTimes() {}

  static void measure(BenchContext ctx, Scenarios.Fixture fx, Map<String, Object> result) throws Exception {
    ctx.progress.say("rendering " + fx.names().size() + " charts once with the Helm engine (render time per app)");
    Path cache = ctx.tempDir("keelson-bench-charts-");
    HelmRenderer helm = new HelmRenderer(cache);
    Map<String, byte[]> files = repoFiles(fx.repo().dir());
    List<Double> millis = new ArrayList<>();
    long t0 = System.nanoTime();
    for (String app : fx.names()) {
      long start = System.nanoTime();
      helm.render(files, BenchRepo.appPath(app), HelmOptions.builder(app).namespace("bench").kubeVersion("v1.20.2").build());
      millis.add((System.nanoTime() - start) / 1e6);
      ctx.deadline.check("rendering the benchmark charts");
    }
    result.put("render_seconds_total", Text.round(Text.seconds(System.nanoTime() - t0), 2));
    Scenarios.putPercentiles(result, "render_per_app", millis);
    result.remove("render_per_app_samples_ms");
    result.put("render_source", "each chart rendered once by HelmRenderer before the engine phase, nothing cached");
  }

  private static Map<String, byte[]> repoFiles(Path root) throws Exception {
    Map<String, byte[]> files = new HashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!rel.startsWith(".git/")) files.put(rel, Files.readAllBytes(p));
      }
    }
    return files;
  }
}
