package dev.keelson.server.view;

import dev.keelson.api.v1alpha1.ApplicationSpec;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import java.util.Map;

/** One app: its summary, and its spec and status in full. */
public record ApplicationDetail(ApplicationSummary summary, Map<String, String> annotations,
    String resourceVersion, ApplicationSpec spec, ApplicationStatus status) {}
