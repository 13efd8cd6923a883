package dev.keelson.cli.imports;

/** Names of the Keelson objects an import writes. */
final class KeelsonKinds {
  static final String API_VERSION = "keelson.dev/v1alpha1";
  static final String APPLICATION = "Application";
  static final String APP_PROJECT = "AppProject";
  static final String APPLICATION_SET = "ApplicationSet";
  /** Deleting an Application with it deletes its objects (Argo CD's resources finalizer, Flux's prune). */
  static final String RESOURCES_FINALIZER = dev.keelson.controller.runtime.ApplicationReconciler.RESOURCES_FINALIZER;
  static final String CLUSTER_SECRET_LABEL = dev.keelson.controller.fleet.ClusterSecrets.TYPE_LABEL;
  static final String ARGOCD_SECRET_LABEL = dev.keelson.controller.fleet.ClusterSecrets.ARGOCD_TYPE_LABEL;

  private KeelsonKinds() {}
}
