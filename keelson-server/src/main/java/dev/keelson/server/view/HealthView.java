package dev.keelson.server.view;

import dev.keelson.core.health.HealthStatus;

public record HealthView(HealthStatus status, String message) {}
