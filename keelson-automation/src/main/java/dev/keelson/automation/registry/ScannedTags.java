package dev.keelson.automation.registry;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An image repository's tags as last scanned, sorted as the registry sorts them (lexically), in
 * one array: a repository of 10,000 tags costs the strings and one reference each. Immutable;
 * a scan makes a new one.
 *
 * @param lastFullScan when every tag was last listed (an incremental scan only adds tags after
 *     the greatest known, so one every so often also finds tags sorted before it, and deletions)
 */
public record ScannedTags(String[] sorted, Instant scanned, Instant lastFullScan, ScanMode mode, int requests) {
  public enum ScanMode {
    FULL,
    INCREMENTAL
  }

  public int count() {
    return sorted.length;
  }

  /** The greatest tag, where an incremental scan goes on from; null when there are none. */
  public String greatest() {
    return sorted.length == 0 ? null : sorted[sorted.length - 1];
  }

  /** The tags as a list without copying them. */
  public List<String> tags() {
    return new View(sorted);
  }

  /** The last {@code n} tags, greatest first (what status shows). */
  public List<String> latest(int n) {
    List<String> out = new ArrayList<>(Math.min(n, sorted.length));
    for (int i = sorted.length - 1; i >= 0 && out.size() < n; i--) out.add(sorted[i]);
    return out;
  }

  /** These tags with {@code more} (sorted, all after {@link #greatest()}) appended. */
  ScannedTags plus(List<String> more, Instant at, int requests) {
    String[] merged = Arrays.copyOf(sorted, sorted.length + more.size());
    for (int i = 0; i < more.size(); i++) merged[sorted.length + i] = more.get(i);
    // a registry that sorts otherwise than Java (non-ASCII tags) must still leave an ordered array
    if (!isSorted(merged)) merged = Arrays.stream(merged).distinct().sorted().toArray(String[]::new);
    return new ScannedTags(merged, at, lastFullScan, ScanMode.INCREMENTAL, requests);
  }

  static boolean isSorted(String[] a) {
    for (int i = 1; i < a.length; i++) if (a[i - 1].compareTo(a[i]) >= 0) return false;
    return true;
  }

  private static final class View extends AbstractList<String> implements RandomAccess {
    private final String[] a;

    View(String[] a) {
      this.a = a;
    }

    @Override
    public String get(int i) {
      return a[i];
    }

    @Override
    public int size() {
      return a.length;
    }
  }
}
