package dev.keelson.server.view;

import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import java.util.List;

/** Operations and operator actions, oldest first, as status keeps them. */
public record HistoryView(List<HistoryEntry> entries) {}
