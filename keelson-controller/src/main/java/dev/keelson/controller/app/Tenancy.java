package dev.keelson.controller.app;

/**
 * Whose rules an app follows and whom it acts as, as its spec says, and the project once resolved.
 *
 * @param project {@code spec.project}, default {@code default}
 * @param serviceAccountName {@code spec.serviceAccountName} (in the app's namespace), or null
 * @param scope the resolved project's rules; {@link ProjectScope#ALLOW_ALL} until resolved
 */
public record Tenancy(String project, String serviceAccountName, ProjectScope scope) {

  public Tenancy withScope(ProjectScope s) {
    return new Tenancy(project, serviceAccountName, s);
  }
}
