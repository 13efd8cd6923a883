package dev.keelson.helm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A process that renders one chart through {@link HelmRenderer}, then waits to be terminated. */
public final class SignalProbe {
  private SignalProbe() {}

  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
    Path cache = Files.createTempDirectory("keelson-signal-probe-");
    Map<String, byte[]> files = Map.of(
        "chart/Chart.yaml", "apiVersion: v2\nname: probe\nversion: 1.0.0\n".getBytes(),
        "chart/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\n".getBytes());
    new HelmRenderer(cache).render(files, "chart", HelmOptions.builder("probe").build());
    System.out.println("rendered");
    System.out.flush();
    // waits for the signal that ends the process; nothing ever counts the latch down
    new java.util.concurrent.CountDownLatch(1).await(2, java.util.concurrent.TimeUnit.MINUTES);
    System.out.println("not terminated");
  }
}
