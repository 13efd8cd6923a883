package dev.keelson.server.view;

import java.util.List;

/**
 * One page of apps in namespace/name order.
 *
 * @param continueToken opaque; pass it as {@code continue} for the next page; null on the last
 * @param total apps matching every filter, over all pages
 */
public record ApplicationList(List<ApplicationSummary> items,
    @com.fasterxml.jackson.annotation.JsonProperty("continue") String continueToken, int total, Counts counts) {}
