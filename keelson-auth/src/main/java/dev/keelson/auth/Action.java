package dev.keelson.auth;

/**
 * RBAC actions, named as in Argo CD's policy.csv ({@code get}, {@code create}, {@code update},
 * {@code delete}, {@code sync}, {@code override}); Keelson adds {@code approve}, so that who may
 * approve a gated sync can differ from who may start one. Rollback, terminate-op and refresh
 * need {@code sync}, suspend and resume {@code update}, as in Argo CD.
 */
public enum Action {
  get,
  create,
  update,
  delete,
  sync,
  override,
  approve
}
