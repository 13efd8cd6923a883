package dev.keelson.auth;

/** RBAC resources, named as in Argo CD's policy.csv. */
public enum Resource {
  applications,
  applicationsets,
  clusters,
  projects,
  accounts,
  logs
}
