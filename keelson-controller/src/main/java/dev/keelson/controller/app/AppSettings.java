package dev.keelson.controller.app;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSpec;
import dev.keelson.api.v1alpha1.Directory;
import dev.keelson.core.manifest.DirectorySelection;
import dev.keelson.core.time.Durations;
import dev.keelson.core.tracking.AppRef;
import java.time.Duration;

/** An Application's spec read once into typed values with defaults applied. */
public record AppSettings(
    AppRef ref,
    String repoUrl,
    String revision,
    String path,
    String secretName,
    DirectorySelection selection,
    String destinationNamespace,
    boolean automated,
    boolean prune,
    boolean selfHeal,
    boolean createNamespace,
    Duration interval) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(3);

  /** @throws IllegalArgumentException naming the field when the spec is unusable */
  public static AppSettings of(Application app) {
    ApplicationSpec spec = app.getSpec();
    if (spec == null || spec.source == null || blank(spec.source.repoURL)) {
      throw new IllegalArgumentException("spec.source.repoURL is required");
    }
    Duration interval = DEFAULT_INTERVAL;
    if (!blank(spec.interval)) {
      try {
        interval = Durations.parse(spec.interval);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("spec.interval: " + e.getMessage());
      }
      if (interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("spec.interval must be positive");
      }
    }
    Directory dir = spec.source.directory;
    DirectorySelection selection = dir == null
        ? DirectorySelection.defaults()
        : new DirectorySelection(Boolean.TRUE.equals(dir.recurse), dir.includeGlobs(), dir.excludeGlobs());
    var policy = spec.syncPolicy;
    var automated = policy == null ? null : policy.automated;
    String appNs = app.getMetadata().getNamespace();
    String destNs = spec.destination != null && !blank(spec.destination.namespace)
        ? spec.destination.namespace
        : appNs;
    return new AppSettings(
        new AppRef(appNs, app.getMetadata().getName()),
        spec.source.repoURL.trim(),
        blank(spec.source.revision) ? "HEAD" : spec.source.revision.trim(),
        normalizePath(spec.source.path),
        spec.source.secretRef == null ? null : spec.source.secretRef.name,
        selection,
        destNs,
        automated != null,
        automated != null && Boolean.TRUE.equals(automated.prune),
        automated != null && Boolean.TRUE.equals(automated.selfHeal),
        policy != null && policy.hasOption("CreateNamespace=true"),
        interval);
  }

  static String normalizePath(String path) {
    if (blank(path)) return "";
    String p = path.trim().replace('\\', '/');
    while (p.startsWith("./")) p = p.substring(2);
    while (p.startsWith("/")) p = p.substring(1);
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p.equals(".") ? "" : p;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
