package dev.keelson.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of one `app sync`, as the controller reads them from the sync-request-options
 * annotation: {@code prune}, {@code dry-run} and {@code resource=GROUP:KIND:NAME} (repeatable).
 */
record SyncRequestOptions(boolean prune, boolean dryRun, List<SyncResource> resources) {
  SyncRequestOptions {
    resources = List.copyOf(resources);
  }

  /** The annotation value, or null for a plain sync (the annotation is then removed). */
  String annotationValue() {
    List<String> parts = new ArrayList<>();
    if (prune) parts.add("prune");
    if (dryRun) parts.add("dry-run");
    resources.forEach(r -> parts.add("resource=" + r));
    return parts.isEmpty() ? null : String.join(",", parts);
  }
}
