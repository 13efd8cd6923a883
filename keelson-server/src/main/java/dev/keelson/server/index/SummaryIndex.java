package dev.keelson.server.index;

import dev.keelson.core.health.HealthStatus;
import dev.keelson.server.view.ApplicationList;
import dev.keelson.server.view.ApplicationSummary;
import dev.keelson.server.view.Counts;
import dev.keelson.server.view.SyncState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * App summaries sorted by namespace/name, updated one app at a time, and the list over them. A
 * list request walks the map once: the cheap filters first, the authoriser only for apps that
 * pass them, facet counts on the way, and only the page's summaries are kept for serialising.
 * Nothing is sorted or converted per request. Reads run beside writes (a concurrent skip list).
 */
public final class SummaryIndex {
  private final ConcurrentSkipListMap<AppKey, ApplicationSummary> summaries = new ConcurrentSkipListMap<>();

  /** @return the summary it replaced, if any */
  public Optional<ApplicationSummary> put(ApplicationSummary s) {
    return Optional.ofNullable(summaries.put(new AppKey(s.namespace(), s.name()), s));
  }

  public Optional<ApplicationSummary> remove(AppKey key) {
    return Optional.ofNullable(summaries.remove(key));
  }

  public Optional<ApplicationSummary> get(AppKey key) {
    return Optional.ofNullable(summaries.get(key));
  }

  public int size() {
    return summaries.size();
  }

  /**
   * One page of the apps {@code visible} lets through that match {@code query}, after {@code
   * after}; with the total and the counts over all pages.
   */
  public ApplicationList list(AppQuery query, Predicate<ApplicationSummary> visible, Optional<AppKey> after, int limit) {
    Map<SyncState, Integer> sync = new EnumMap<>(SyncState.class);
    for (SyncState s : SyncState.values()) sync.put(s, 0);
    Map<HealthStatus, Integer> health = new EnumMap<>(HealthStatus.class);
    for (HealthStatus h : HealthStatus.values()) health.put(h, 0);
    List<ApplicationSummary> page = new ArrayList<>(Math.min(limit, 1024));
    int total = 0;
    boolean more = false;
    // a namespace filter bounds the walk to that namespace's keys
    Map<AppKey, ApplicationSummary> range = query.namespace()
        .<Map<AppKey, ApplicationSummary>>map(ns -> summaries.subMap(new AppKey(ns, ""), true, new AppKey(ns + "\0", ""), false))
        .orElse(summaries);
    for (Map.Entry<AppKey, ApplicationSummary> e : range.entrySet()) {
      ApplicationSummary a = e.getValue();
      if (!query.matchesBase(a)) continue;
      boolean syncOk = query.matchesSync(a);
      boolean healthOk = query.matchesHealth(a);
      if (!syncOk && !healthOk) continue;
      if (!visible.test(a)) continue;
      if (healthOk) sync.merge(a.sync(), 1, Integer::sum);
      if (syncOk) health.merge(a.health(), 1, Integer::sum);
      if (!(syncOk && healthOk)) continue;
      total++;
      if (after.isPresent() && e.getKey().compareTo(after.get()) <= 0) continue;
      if (page.size() < limit) page.add(a);
      else more = true;
    }
    String next = null;
    if (more) {
      ApplicationSummary last = page.get(page.size() - 1);
      next = ContinueToken.of(new AppKey(last.namespace(), last.name()));
    }
    return new ApplicationList(page, next, total, new Counts(sync, health));
  }
}
