package dev.keelson.automation.policy;

import java.util.Comparator;
import java.util.Optional;

/**
 * An ImagePolicy in typed form: its filter and its policy; {@link #latest} walks the tags once,
 * keeping only the best so far, so choosing among 10,000 tags allocates nothing per tag beyond
 * its key.
 */
public record TagSelector(TagFilter filter, TagPolicy policy) {

  /** The chosen tag and how many tags were candidates (passed the filter and could be read). */
  public record Choice(String tag, int candidates) {}

  public Optional<Choice> latest(Iterable<String> tags) {
    Comparator<Comparable<?>> order = TagPolicy.natural();
    if (policy.order() == Order.DESC) order = order.reversed();
    String best = null;
    Comparable<?> bestKey = null;
    int candidates = 0;
    for (String tag : tags) {
      Optional<String> value = filter.apply(tag);
      if (value.isEmpty()) continue;
      Optional<Comparable<?>> key = policy.key(value.get());
      if (key.isEmpty()) continue;
      candidates++;
      int c = bestKey == null ? 1 : order.compare(key.get(), bestKey);
      // equal keys (v1.2.3 and 1.2.3, 10 and 10.0): the lexically greater tag wins, for determinism
      if (c > 0 || c == 0 && tag.compareTo(best) > 0) {
        best = tag;
        bestKey = key.get();
      }
    }
    return best == null ? Optional.empty() : Optional.of(new Choice(best, candidates));
  }
}
