package dev.keelson.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles: the smallest sample such that at least p % of samples are at or below it. */
public final class Percentiles {
  private Percentiles() {}

  /**
   * @param p in (0, 100]
   * @throws IllegalArgumentException for no samples or p out of range
   */
  public static double nearestRank(List<Double> samples, double p) {
    if (samples.isEmpty()) throw new IllegalArgumentException("no samples");
    if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentile out of range: " + p);
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(1, rank) - 1);
  }
}
