package dev.keelson.source;

import java.time.Instant;

/**
 * Outcome of {@link GitSourceCache#fetch}.
 *
 * @param fetched whether this call went to the network (false: a recent fetch was reused)
 * @param lastFetchedAt when the last successful network fetch of this URL completed
 */
public record FetchResult(boolean fetched, Instant lastFetchedAt) {}
