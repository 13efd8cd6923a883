package dev.keelson.automation.registry;

import dev.keelson.automation.image.ImageName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One scan of an image repository. What it lists depends on what is known: a repository that
 * fits in one page is listed whole (one request either way); a larger one is listed from its
 * greatest known tag on ({@code last=}), which finds every new tag that sorts after the others
 * (build numbers of equal width, timestamps, most CI tags) in one small request, and whole
 * again every {@code fullScanEvery}, which finds the rest (1.10.0 after 1.9.0) and deletions.
 * Excluded tags are never kept.
 */
public final class TagScanner {
  /** The distribution API's page: docker-registry and most registries accept 1,000. */
  public static final int PAGE_SIZE = 1000;

  private final RegistryClient client;
  private final Clock clock;
  private final Duration fullScanEvery;
  private final int pageSize;

  public TagScanner(RegistryClient client, Clock clock, Duration fullScanEvery, int pageSize) {
    this.client = client;
    this.clock = clock;
    this.fullScanEvery = fullScanEvery;
    this.pageSize = pageSize;
  }

  /**
   * @param previous the last scan's tags, null when none (after a start, or a spec change)
   * @param exclusions tags matching any of these are left out
   */
  public ScannedTags scan(ImageName image, RegistryCredentials creds, ScannedTags previous, List<Pattern> exclusions)
      throws RegistryException {
    Instant now = clock.instant();
    boolean full = previous == null || previous.count() < pageSize
        || !previous.lastFullScan().plus(fullScanEvery).isAfter(now);
    List<String> found = new ArrayList<>(full ? Math.max(16, previous == null ? 16 : previous.count()) : 16);
    String after = full ? null : previous.greatest();
    RegistryClient.Listing listing = client.listTags(image, creds, after, pageSize, tag -> {
      for (Pattern p : exclusions) {
        if (p.matcher(tag).find()) return;
      }
      found.add(tag);
    });
    // a registry that ignores last= (docker-registry 2.x) answered with every tag: that is a full listing
    boolean ignoredLast = !full && found.stream().anyMatch(t -> t.compareTo(after) <= 0);
    if (!full && !ignoredLast) return previous.plus(found, now, listing.requests());
    String[] sorted = found.toArray(String[]::new);
    if (!ScannedTags.isSorted(sorted)) sorted = java.util.Arrays.stream(sorted).distinct().sorted().toArray(String[]::new);
    return new ScannedTags(sorted, now, now, ScannedTags.ScanMode.FULL, listing.requests());
  }
}
