package dev.keelson.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.automation.image.ImageName;
import dev.keelson.automation.policy.TagFilter;
import dev.keelson.automation.policy.TagPolicy;
import dev.keelson.automation.policy.TagSelector;
import dev.keelson.automation.registry.RegistryClient;
import dev.keelson.automation.registry.RegistryCredentials;
import dev.keelson.automation.registry.ScannedTags;
import dev.keelson.automation.registry.TagScanner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Scanning an image repository of many tags on a real registry on loopback. */
@Command(name = "images", mixinStandardHelpOptions = true,
    description = {
      "Pushes one image under N tags to Debian's docker-registry on loopback, then scans it as an ImageRepository"
          + " does: scan time, requests, heap while scanning and the heap the tags keep, the time to choose the"
          + " latest by a semver policy, and the size status would have with every tag in it.",
      "Result: one JSON object on the last line of stdout."})
public final class ImagesBench extends ScenarioCommand {
  @Option(names = "--tags", defaultValue = "10000", description = "Tags of the image (default ${DEFAULT-VALUE}).")
  int tags;

  @Option(names = "--scans", defaultValue = "5", description = "Scans measured (default ${DEFAULT-VALUE}).")
  int scans;

  @Override
  String name() {
    return "images";
  }

  @Override
  Map<String, Object> parameters() {
    if (tags < 1 || tags > 100_000) throw new IllegalArgumentException("--tags must be between 1 and 100000");
    if (scans < 1) throw new IllegalArgumentException("--scans must be positive");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("tags", tags);
    p.put("scans", scans);
    return p;
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    BenchRegistry registry = new BenchRegistry();
    ctx.cleanup.add("stop docker-registry", registry::close);
    ctx.progress.say("pushing one image under " + tags + " tags to docker-registry on " + registry.host());
    long t0 = System.nanoTime();
    for (int i = 0; i < tags; i++) {
      registry.tag("bench/app", tag(i));
      if (i % 1000 == 999) ctx.deadline.check("pushing tags");
    }
    result.put("push_seconds", Text.round(Text.seconds(System.nanoTime() - t0), 2));

    ImageName image = ImageName.parse(registry.host() + "/bench/app");
    RegistryClient client = new RegistryClient(new RegistryClient.Options(true, null, Duration.ofSeconds(60)), Clock.systemUTC());
    TagScanner scanner = new TagScanner(client, Clock.systemUTC(), Duration.ofHours(1), TagScanner.PAGE_SIZE);
    List<Pattern> exclusions = List.of(Pattern.compile("^.*\\.sig$"));
    // a first scan warms the JIT and the registry's own caches
    scanner.scan(image, RegistryCredentials.ANONYMOUS, null, exclusions);

    long heapBefore = ResourceSampler.heapAfterGc();
    ResourceSampler sampler = ResourceSampler.start();
    List<Double> full = new ArrayList<>();
    ScannedTags scanned = null;
    for (int i = 0; i < scans; i++) {
      long s = System.nanoTime();
      scanned = scanner.scan(image, RegistryCredentials.ANONYMOUS, null, exclusions);
      full.add(Text.seconds(System.nanoTime() - s) * 1000);
      ctx.deadline.check("scanning");
    }
    ResourceSampler.Usage usage = sampler.stop();
    long heapHeld = ResourceSampler.heapAfterGc() - heapBefore;
    if (scanned.count() != tags) throw new IllegalStateException("scanned " + scanned.count() + " tags, pushed " + tags);

    long r0 = System.nanoTime();
    ScannedTags again = scanner.scan(image, RegistryCredentials.ANONYMOUS, scanned, exclusions);
    double rescanMs = Text.seconds(System.nanoTime() - r0) * 1000;

    TagSelector semver = new TagSelector(TagFilter.ALL, TagPolicy.SemverRange.of(">=1.0.0 <50.0.0"));
    semver.latest(scanned.tags()); // warm-up
    long c0 = System.nanoTime();
    TagSelector.Choice choice = semver.latest(scanned.tags()).orElseThrow();
    double chooseMs = Text.seconds(System.nanoTime() - c0) * 1000;

    ObjectMapper json = new ObjectMapper();
    result.put("scan_ms_median", Text.round(Percentiles.nearestRank(full, 50), 1));
    result.put("scan_ms_max", Text.round(full.stream().mapToDouble(d -> d).max().orElse(0), 1));
    result.put("requests_per_scan", scanned.requests());
    result.put("tags_found", scanned.count());
    result.put("rescan_mode", again.mode().name().toLowerCase(java.util.Locale.ROOT));
    result.put("rescan_ms", Text.round(rescanMs, 1));
    result.put("registry_pages", scanned.requests() > 1);
    result.put("heap_peak_mib_while_scanning", Text.mib(usage.heapPeakBytes()));
    result.put("heap_held_by_tags_kib", Math.round(heapHeld / 1024.0));
    result.put("choose_ms_semver", Text.round(chooseMs, 2));
    result.put("chosen", choice.tag());
    result.put("status_bytes_kept", json.writeValueAsBytes(scanned.latest(10)).length + 64);
    result.put("status_bytes_if_every_tag", json.writeValueAsBytes(scanned.tags()).length);
  }

  /** v1.0.0 ... v99.99.0-ish: semver tags, the common case of a release pipeline. */
  static String tag(int i) {
    return (1 + i / 10_000) + "." + (i / 100 % 100) + "." + (i % 100);
  }
}
