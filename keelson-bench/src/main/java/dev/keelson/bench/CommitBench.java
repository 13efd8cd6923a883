package dev.keelson.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Commit to applied: one app tracking a branch; commits that change a ConfigMap value, each at a
 * random point of the interval; the time from the commit to the new value in the cluster.
 */
@Command(name = "commit", mixinStandardHelpOptions = true,
    description = {
      "One Application tracking a branch; commits that change a ConfigMap value, each at a random point of the"
          + " interval: time from the commit to the new value live; then as many commits each announced at once"
          + " by a signed push to a generic-hmac Receiver: time from the commit to the new value live.",
      "Result: one JSON object on the last line of stdout."})
public final class CommitBench extends ScenarioCommand {
  @Option(names = "--samples", defaultValue = "10", description = "Commits measured (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--interval", defaultValue = "10s", description = "The app's spec.interval (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--objects-per-app", defaultValue = "4", description = "Objects of the app, at least 4 (default: ${DEFAULT-VALUE}).")
  int objectsPerApp;

  @Option(names = "--seed", description = "Seed of the random commit times (default: random).")
  Long seed;

  @Override
  String name() {
    return "commit";
  }

  @Override
  Map<String, Object> parameters() {
    if (samples < 1) throw new IllegalArgumentException("--samples must be at least 1");
    new AppShape(objectsPerApp);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("apps", 1);
    p.put("objects_per_app", objectsPerApp);
    p.put("samples", samples);
    p.put("interval_seconds", Scenarios.intervalSeconds(interval));
    p.put("revision", BenchRepo.BRANCH);
    return p;
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    Duration every = Scenarios.parseInterval("--interval", interval);
    Scenarios.Converged c = Scenarios.converge(ctx, "commit", new AppShape(objectsPerApp), 1, interval,
        BenchRepo.BRANCH, i -> true, true);
    var cms = ctx.watchConfigMaps(c.ns());
    String app = c.fixture().names().get(0);
    String cm = AppShape.sampleConfigMap(app);
    String file = BenchRepo.appPath(app) + "/configmap-1.yaml";
    Random random = seed == null ? new Random() : new Random(seed);
    Duration limit = every.multipliedBy(3).plusSeconds(30);

    List<Double> applied = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      // commits land at a uniformly random point of the engine's fetch cycle
      Scenarios.waitFor(ctx, Duration.ofMillis((long) (random.nextDouble() * every.toMillis())),
          "sample " + (s + 1) + "/" + samples + ": waiting to commit");
      String value = "commit-" + s;
      c.fixture().repo().write(file, AppShape.configMap(cm, value));
      long t0 = System.nanoTime();
      c.fixture().repo().commit("change " + cm + " to " + value);
      long live = cms.awaitFirstSince(cm, t0, -1, value::equals, ctx.deadline, limit,
          "value " + value + " of " + cm + " live after its commit");
      applied.add((live - t0) / 1e6);
      ctx.progress.say(String.format(java.util.Locale.ROOT, "sample %d/%d: applied %.0f ms after the commit",
          s + 1, samples, applied.get(applied.size() - 1)));
    }
    Scenarios.putPercentiles(result, "applied", applied);

    // the same commits, each announced by the webhook a Git server sends right after a push
    String token = "bench-" + Long.toHexString(random.nextLong());
    String path = receiver(ctx, c.ns(), app, token);
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    java.net.URI hook = java.net.URI.create("http://127.0.0.1:" + c.engine().controller().webhookPort() + path);
    List<Double> hooked = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      Scenarios.waitFor(ctx, Duration.ofMillis((long) (random.nextDouble() * every.toMillis())),
          "webhook sample " + (s + 1) + "/" + samples + ": waiting to commit");
      String value = "hooked-" + s;
      c.fixture().repo().write(file, AppShape.configMap(cm, value));
      long t0 = System.nanoTime();
      c.fixture().repo().commit("change " + cm + " to " + value);
      byte[] body = ("{\"ref\":\"refs/heads/" + BenchRepo.BRANCH + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      var response = http.send(java.net.http.HttpRequest.newBuilder(hook)
          .header("X-Signature", "sha256=" + hmac(token, body))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("the receiver answered " + response.statusCode() + ": " + response.body());
      }
      long live = cms.awaitFirstSince(cm, t0, -1, value::equals, ctx.deadline, limit,
          "value " + value + " of " + cm + " live after its commit and webhook");
      hooked.add((live - t0) / 1e6);
      ctx.progress.say(String.format(java.util.Locale.ROOT, "webhook sample %d/%d: applied %.0f ms after the commit",
          s + 1, samples, hooked.get(hooked.size() - 1)));
    }
    Scenarios.putPercentiles(result, "webhook_applied", hooked);
    result.put("webhook", "generic-hmac Receiver, signed push sent right after each commit");
  }

  /** A generic-hmac Receiver for the app; returns its webhook path once the controller serves it. */
  private static String receiver(BenchContext ctx, String ns, String app, String token) throws Exception {
    ctx.admin.secrets().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata().withName("bench-hook").endMetadata().addToStringData("token", token).build()).create();
    dev.keelson.api.v1alpha1.Receiver r = new dev.keelson.api.v1alpha1.Receiver();
    r.getMetadata().setName("bench-hook");
    r.getMetadata().setNamespace(ns);
    r.getSpec().type = "generic-hmac";
    r.getSpec().secretRef = new dev.keelson.api.v1alpha1.ReceiverSpec.SecretRef();
    r.getSpec().secretRef.name = "bench-hook";
    var ref = new dev.keelson.api.v1alpha1.ReceiverSpec.ResourceRef();
    ref.kind = "Application";
    ref.name = app;
    r.getSpec().resources = List.of(ref);
    var receivers = ctx.admin.resources(dev.keelson.api.v1alpha1.Receiver.class).inNamespace(ns);
    receivers.resource(r).create();
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      var live = receivers.withName("bench-hook").get();
      if (live != null && live.getStatus() != null && live.getStatus().webhookPath != null) {
        return live.getStatus().webhookPath;
      }
      if (System.nanoTime() > until) throw new BenchTimeoutException("the Receiver got no webhook path within 60s");
      Scenarios.waitFor(ctx, Duration.ofMillis(200), "waiting for the Receiver's path");
    }
  }

  private static String hmac(String token, byte[] body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(token.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    return java.util.HexFormat.of().formatHex(mac.doFinal(body));
  }
}
