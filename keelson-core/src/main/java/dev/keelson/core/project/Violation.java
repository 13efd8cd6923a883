package dev.keelson.core.project;

/**
 * Something an app may not do under its project.
 *
 * @param rule the project field that forbids it, e.g. {@code sourceRepos} or {@code clusterResourceWhitelist}
 * @param message what and why, naming the project, the object and the rule
 */
public record Violation(String rule, String message) {
  @Override
  public String toString() {
    return message;
  }
}
