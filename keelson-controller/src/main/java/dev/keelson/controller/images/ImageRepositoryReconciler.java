package dev.keelson.controller.images;

import dev.keelson.api.images.v1alpha1.ImageRepository;
import dev.keelson.api.images.v1alpha1.ImageRepositorySpec;
import dev.keelson.api.images.v1alpha1.ImageRepositoryStatus;
import dev.keelson.automation.image.ImageName;
import dev.keelson.automation.registry.RegistryException;
import dev.keelson.automation.registry.ScannedTags;
import dev.keelson.automation.registry.TagScanner;
import dev.keelson.core.time.Durations;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans each ImageRepository every interval ({@link TagScanner}: whole or from the greatest
 * known tag on), keeps the tags in the {@link TagStore} and only their count and the latest
 * few in status, and nudges the policies of that repository when the tags changed.
 */
@ControllerConfiguration(name = "imagerepository")
public final class ImageRepositoryReconciler implements Reconciler<ImageRepository> {
  private static final Logger LOG = LoggerFactory.getLogger(ImageRepositoryReconciler.class);
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
  static final List<String> DEFAULT_EXCLUSIONS = List.of("^.*\\.sig$");
  /** Tags status shows (Flux shows ten). */
  static final int LATEST_SHOWN = 10;

  private final KubernetesClient client;
  private final RegistryAccess registries;
  private final TagStore store;
  private final Clock clock;
  private final Duration fullScanEvery;
  private final BiConsumer<String, String> tagsChanged;

  ImageRepositoryReconciler(KubernetesClient client, RegistryAccess registries, TagStore store, Clock clock,
      Duration fullScanEvery, BiConsumer<String, String> tagsChanged) {
    this.client = client;
    this.registries = registries;
    this.store = store;
    this.clock = clock;
    this.fullScanEvery = fullScanEvery;
    this.tagsChanged = tagsChanged;
  }

  @Override
  public UpdateControl<ImageRepository> reconcile(ImageRepository repo, Context<ImageRepository> context) {
    String ns = repo.getMetadata().getNamespace();
    String name = repo.getMetadata().getName();
    if (context.isPrimaryResourceDeleted() || repo.isMarkedForDeletion()) {
      store.remove(ns, name);
      return UpdateControl.noUpdate();
    }
    ImageRepositorySpec spec = repo.getSpec();
    ImageRepositoryStatus old = repo.getStatus() == null ? new ImageRepositoryStatus() : repo.getStatus();
    ImageRepositoryStatus next = new ImageRepositoryStatus();
    next.observedGeneration = repo.getMetadata().getGeneration();
    next.lastScanResult = old.lastScanResult;
    next.canonicalImageName = old.canonicalImageName;
    Duration interval = DEFAULT_INTERVAL;
    Duration recheck;
    try {
      interval = spec.interval == null ? DEFAULT_INTERVAL : Durations.parse(spec.interval);
      Duration timeout = spec.timeout == null ? DEFAULT_TIMEOUT : Durations.parse(spec.timeout);
      ImageName image = ImageName.parse(spec.image);
      next.canonicalImageName = image.canonical();
      if (Boolean.TRUE.equals(spec.suspend)) {
        next.conditions.add(Conditions.ready(old.conditions, true, "Suspended", "scanning is suspended",
            next.observedGeneration, clock));
        write(repo, old, next);
        return UpdateControl.noUpdate();
      }
      List<Pattern> exclusions = exclusions(spec.exclusionList);
      String specKey = image.canonical() + "|" + String.join("|", spec.exclusionList == null ? DEFAULT_EXCLUSIONS : spec.exclusionList);
      ScannedTags previous = store.get(ns, name, specKey).orElse(null);
      Duration due = previous == null ? Duration.ZERO : Duration.between(clock.instant(), previous.scanned().plus(interval));
      if (!due.isNegative() && !due.isZero() && Objects.equals(old.observedGeneration, next.observedGeneration)) {
        // an event between intervals (a status write): the last scan stands
        return UpdateControl.<ImageRepository>noUpdate().rescheduleAfter(due);
      }
      RegistryAccess.Access access = registries.of(ns, spec, image, timeout);
      ScannedTags scanned = new TagScanner(access.client(), clock, fullScanEvery, TagScanner.PAGE_SIZE)
          .scan(image, access.credentials(), previous, exclusions);
      store.put(ns, name, specKey, scanned);
      ImageRepositoryStatus.ScanResult result = new ImageRepositoryStatus.ScanResult();
      result.tagCount = scanned.count();
      result.scanTime = scanned.scanned().truncatedTo(ChronoUnit.SECONDS).toString();
      result.latestTags = scanned.latest(LATEST_SHOWN);
      result.mode = scanned.mode().name().toLowerCase(java.util.Locale.ROOT);
      result.requests = scanned.requests();
      next.lastScanResult = result;
      next.conditions.add(Conditions.ready(old.conditions, true, "Succeeded",
          "successful scan: found " + scanned.count() + " tags", next.observedGeneration, clock));
      boolean changed = previous == null || previous.count() != scanned.count()
          || !Objects.equals(previous.greatest(), scanned.greatest()) || !previous.tags().equals(scanned.tags());
      write(repo, old, next);
      if (changed) tagsChanged.accept(ns, name);
      recheck = interval;
    } catch (IllegalArgumentException e) {
      next.conditions.add(Conditions.ready(old.conditions, false, "InvalidSpec", e.getMessage(), next.observedGeneration, clock));
      write(repo, old, next);
      return UpdateControl.noUpdate();
    } catch (RegistryException e) {
      String reason = switch (e.reason()) {
        case AUTHENTICATION_FAILED -> "AuthenticationFailed";
        case NOT_FOUND -> "ImageNotFound";
        case RATE_LIMITED -> "RateLimited";
        default -> "ScanFailed";
      };
      next.conditions.add(Conditions.ready(old.conditions, false, reason, e.getMessage(), next.observedGeneration, clock));
      write(repo, old, next);
      recheck = e.retryAfter() != null ? e.retryAfter() : interval;
      LOG.debug("scan of {}/{} failed: {}", ns, name, e.getMessage());
    }
    return UpdateControl.<ImageRepository>noUpdate().rescheduleAfter(recheck);
  }

  static List<Pattern> exclusions(List<String> list) {
    List<Pattern> out = new ArrayList<>();
    for (String p : list == null ? DEFAULT_EXCLUSIONS : list) {
      try {
        out.add(Pattern.compile(p));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("spec.exclusionList: " + p + " is not a regular expression: " + e.getDescription());
      }
    }
    return out;
  }

  private void write(ImageRepository repo, ImageRepositoryStatus old, ImageRepositoryStatus next) {
    boolean same = Objects.equals(old.observedGeneration, next.observedGeneration)
        && Conditions.same(old.conditions, next.conditions)
        && Objects.equals(old.canonicalImageName, next.canonicalImageName)
        && sameScan(old.lastScanResult, next.lastScanResult);
    if (same) return;
    try {
      client.resources(ImageRepository.class).inNamespace(repo.getMetadata().getNamespace())
          .withName(repo.getMetadata().getName()).editStatus(x -> {
            x.setStatus(next);
            return x;
          });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) throw e;
    }
  }

  private static boolean sameScan(ImageRepositoryStatus.ScanResult a, ImageRepositoryStatus.ScanResult b) {
    if (a == null || b == null) return a == b;
    return Objects.equals(a.tagCount, b.tagCount) && Objects.equals(a.scanTime, b.scanTime)
        && Objects.equals(a.latestTags, b.latestTags);
  }

  static Instant parse(String t) {
    return t == null ? null : Instant.parse(t);
  }
}
