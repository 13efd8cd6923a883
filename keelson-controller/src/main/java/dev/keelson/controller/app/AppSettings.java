package dev.keelson.controller.app;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSpec;
import dev.keelson.api.v1alpha1.Directory;
import dev.keelson.api.v1alpha1.SyncPolicy;
import dev.keelson.core.manifest.DirectorySelection;
import dev.keelson.core.time.Durations;
import dev.keelson.core.tracking.AppRef;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.time.Duration;

/**
 * An Application's spec read once into typed values with defaults applied.
 *
 * @param source where and what to render; a change re-renders
 * @param policy how and when to sync
 * @param cluster the destination cluster (spec.destination.server or name)
 * @param tenancy the project and the ServiceAccount the app acts as
 */
public record AppSettings(AppRef ref, SourceSettings source, SyncSettings policy, Duration interval,
    ClusterRef cluster, Tenancy tenancy) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(3);

  /**
   * Each reconcile reads the source and compares every object: below a second an app would keep a
   * core busy and crowd out the others, for changes a webhook receiver brings at once anyway.
   */

  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /**
   * What determines the rendered objects: equal values render equal objects (with equal variables
   * read through {@code postBuild}).
   *
   * @param postBuild variable substitution, or null without {@code spec.postBuild}
   * @param decryption how SOPS files are opened, or null without {@code spec.decryption}
   * @param helm how a chart is rendered: a chart from a Helm repository ({@code chart} set), or
   *     a Git path holding {@code Chart.yaml}
   */
  public record SourceSettings(String repoUrl, String revision, String path, String secretName,
      DirectorySelection selection, String destinationNamespace, PostBuildSettings postBuild,
      DecryptionSettings decryption, HelmSettings helm) {
    SourceSettings withRevision(String rev) {
      return new SourceSettings(repoUrl, rev, path, secretName, selection, destinationNamespace, postBuild,
          decryption, helm);
    }

    SourceSettings withHelm(HelmSettings h) {
      return new SourceSettings(repoUrl, revision, path, secretName, selection, destinationNamespace, postBuild,
          decryption, h);
    }
  }

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
      if (interval.compareTo(MIN_INTERVAL) < 0) {
        throw new IllegalArgumentException("spec.interval " + spec.interval.trim() + " is below the minimum of "
            + MIN_INTERVAL.toSeconds() + "s");
      }
    }
    Directory dir = spec.source.directory;
    DirectorySelection selection = dir == null
        ? DirectorySelection.defaults()
        : new DirectorySelection(Boolean.TRUE.equals(dir.recurse), dir.includeGlobs(), dir.excludeGlobs());
    String appNs = app.getMetadata().getNamespace();
    String destNs = spec.destination != null && !blank(spec.destination.namespace)
        ? spec.destination.namespace
        : appNs;
    SourceSettings source = new SourceSettings(
        spec.source.repoURL.trim(),
        blank(spec.source.revision) ? "HEAD" : spec.source.revision.trim(),
        normalizePath(spec.source.path),
        spec.source.secretRef == null ? null : spec.source.secretRef.name,
        selection,
        destNs,
        spec.postBuild == null ? null : PostBuildSettings.of(spec.postBuild),
        spec.decryption == null ? null : DecryptionSettings.of(spec.decryption),
        HelmSettings.of(spec.source.helm, spec.source.chart, app.getMetadata().getName(), destNs));
    ClusterRef cluster = spec.destination == null
        ? ClusterRef.IN_CLUSTER
        : ClusterRef.of(spec.destination.server, spec.destination.name);
    String project = blank(spec.project) ? dev.keelson.api.v1alpha1.AppProject.DEFAULT : spec.project.trim();
    String serviceAccount = blank(spec.serviceAccountName) ? null : spec.serviceAccountName.trim();
    return new AppSettings(new AppRef(appNs, app.getMetadata().getName()), source, SyncSettings.of(spec), interval,
        cluster, new Tenancy(project, serviceAccount, ProjectScope.ALLOW_ALL));
  }

  /** The same app under its resolved project, whose sync windows for it join the app's own. */
  public AppSettings inProject(ProjectScope scope, java.util.List<dev.keelson.core.schedule.SyncWindowSpec> windows) {
    return new AppSettings(ref, source, policy.withMoreWindows(windows), interval, cluster, tenancy.withScope(scope));
  }

  /** The same app rendered at another commit (a rollback). */
  public AppSettings atRevision(String commitSha) {
    return new AppSettings(ref, source.withRevision(commitSha), policy, interval, cluster, tenancy);
  }

  /** The same app with its chart rendered as an upgrade of an installed release, or not. */
  public AppSettings asHelmUpgrade(boolean upgrade) {
    return new AppSettings(ref, source.withHelm(source.helm().asUpgrade(upgrade)), policy, interval, cluster, tenancy);
  }

  /** The same app with its chart's test hooks rendered. */
  public AppSettings withHelmTests() {
    return new AppSettings(ref, source.withHelm(source.helm().withTests()), policy, interval, cluster, tenancy);
  }

  public HelmSettings helm() {
    return source.helm();
  }

  public String repoUrl() {
    return source.repoUrl();
  }

  public String revision() {
    return source.revision();
  }

  public String path() {
    return source.path();
  }

  public String secretName() {
    return source.secretName();
  }

  public DirectorySelection selection() {
    return source.selection();
  }

  public String destinationNamespace() {
    return source.destinationNamespace();
  }

  /** Variable substitution, or null without {@code spec.postBuild}. */
  public PostBuildSettings postBuild() {
    return source.postBuild();
  }

  /** How SOPS files are opened, or null without {@code spec.decryption}. */
  public DecryptionSettings decryption() {
    return source.decryption();
  }

  public boolean automated() {
    return policy.automated();
  }

  public boolean prune() {
    return policy.prune();
  }

  public boolean selfHeal() {
    return policy.selfHeal();
  }

  public boolean createNamespace() {
    return policy.createNamespace();
  }

  public boolean replace() {
    return policy.replace();
  }

  public boolean validate() {
    return policy.validate();
  }

  public boolean failOnSharedResource() {
    return policy.failOnSharedResource();
  }

  public DeletionPropagation propagation() {
    return policy.propagation();
  }

  static String normalizePath(String path) {
    if (blank(path)) return "";
    String p = path.trim().replace('\\', '/');
    while (p.startsWith("./")) p = p.substring(2);
    while (p.startsWith("/")) p = p.substring(1);
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p.equals(".") ? "" : p;
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static SyncPolicy policyOf(ApplicationSpec spec) {
    return spec.syncPolicy == null ? new SyncPolicy() : spec.syncPolicy;
  }
}
