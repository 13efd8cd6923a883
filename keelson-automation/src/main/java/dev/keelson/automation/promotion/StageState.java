package dev.keelson.automation.promotion;

import java.time.Instant;

/** A stage's state after a decision: what its status says. */
public record StageState(StagePhase phase, Instant since, String message, Freight current, Freight promoting) {}
