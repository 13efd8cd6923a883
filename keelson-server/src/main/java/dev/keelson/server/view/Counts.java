package dev.keelson.server.view;

import dev.keelson.core.health.HealthStatus;
import java.util.Map;

/**
 * Apps per sync and per health state, as facets: the sync counts obey every filter but the sync
 * filter, the health counts every filter but the health filter, so a page filtered to OutOfSync
 * still says how many are Synced. Every state is present, zeros included.
 */
public record Counts(Map<SyncState, Integer> sync, Map<HealthStatus, Integer> health) {}
