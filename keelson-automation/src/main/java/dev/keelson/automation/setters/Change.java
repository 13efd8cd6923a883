package dev.keelson.automation.setters;

/**
 * One value written: in which file and on which line (1-based), what it was, what it is now,
 * and what made the change ({@code ns:name[:part]} for a setter, {@code images:NAME} for a
 * Kustomize images entry).
 */
public record Change(String file, int line, String oldValue, String newValue, String setter) {}
