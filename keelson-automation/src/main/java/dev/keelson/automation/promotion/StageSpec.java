package dev.keelson.automation.promotion;

import java.time.Duration;

/** One stage as the decision needs it. */
public record StageSpec(String name, Approval approval, Duration soak) {}
