package dev.keelson.auth;

/** Whether a subject may act on an object. */
public interface Authorizer {
  /**
   * @param object Argo CD's object form: {@code <project>/<name>} for applications (and
   *     {@code <project>/<namespace>/<name>} for apps outside the controller's namespace),
   *     the cluster's server URL for clusters, the project's name for projects
   */
  boolean allowed(Subject subject, Resource resource, Action action, String object);

  /** Everything allowed to everyone: for tests of what is not about authorisation. */
  Authorizer ALLOW_ALL = (s, r, a, o) -> true;
}
