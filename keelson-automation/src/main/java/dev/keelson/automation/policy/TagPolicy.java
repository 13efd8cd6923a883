package dev.keelson.automation.policy;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Optional;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * How an ImagePolicy orders the values of its tags (after {@link TagFilter}): the greatest
 * under the policy's order wins. A value the policy cannot read (not a version, not a number) is
 * left out rather than failing the whole choice.
 */
public sealed interface TagPolicy permits TagPolicy.SemverRange, TagPolicy.Alphabetical, TagPolicy.Numerical {

  /** The value as a key of the policy's order, or empty when this policy cannot read it. */
  Optional<Comparable<?>> key(String value);

  /** Flux's {@code semver.range} (Masterminds' syntax, with semver4j's npm-style reading of it). */
  record SemverRange(String range, RangesList ranges) implements TagPolicy {
    /** @throws IllegalArgumentException when the range does not parse */
    public static SemverRange of(String range) {
      if (range == null || range.isBlank()) throw new IllegalArgumentException("policy.semver.range is required");
      String text = range.replace(',', ' ').replaceAll("\\s+", " ").strip();
      RangesList parsed;
      try {
        parsed = RangesListFactory.create(text);
      } catch (RuntimeException e) {
        parsed = null;
      }
      if (parsed == null || parsed.get().isEmpty() && !text.equals("*")) {
        throw new IllegalArgumentException("policy.semver.range " + range + " is not a semver range");
      }
      return new SemverRange(range, parsed);
    }

    @Override
    public Optional<Comparable<?>> key(String value) {
      Semver v = Versions.parse(value);
      return v != null && v.satisfies(ranges) ? Optional.of(v) : Optional.empty();
    }
  }

  /** Flux's {@code alphabetical}: values compared as strings (by code point, as Go compares). */
  record Alphabetical(Order order) implements TagPolicy {
    @Override
    public Optional<Comparable<?>> key(String value) {
      return Optional.of(value);
    }
  }

  /** Flux's {@code numerical}: values read as decimal numbers (build numbers, Unix timestamps). */
  record Numerical(Order order) implements TagPolicy {
    @Override
    public Optional<Comparable<?>> key(String value) {
      try {
        return Optional.of(new BigDecimal(value.strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  default Order order() {
    return Order.ASC;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Comparator<Comparable<?>> natural() {
    return (a, b) -> ((Comparable) a).compareTo(b);
  }
}
