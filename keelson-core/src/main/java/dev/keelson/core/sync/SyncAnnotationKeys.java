package dev.keelson.core.sync;

import java.util.List;

/**
 * Annotation keys that steer how an object is synced. Keelson's own keys come first; Argo CD's and
 * Helm's are read as aliases so that manifests written for those tools keep their meaning. Each
 * {@code *_KEYS} list is in precedence order: the first key present decides, the others are not
 * read at all (as Argo CD ignores Helm's hook annotations on an object that has its own).
 */
public final class SyncAnnotationKeys {
  public static final String SYNC_WAVE = "keelson.dev/sync-wave";
  public static final String HOOK = "keelson.dev/hook";
  public static final String HOOK_DELETE_POLICY = "keelson.dev/hook-delete-policy";
  public static final String SYNC_OPTIONS = "keelson.dev/sync-options";
  public static final String COMPARE_OPTIONS = "keelson.dev/compare-options";

  public static final String ARGOCD_SYNC_WAVE = "argocd.argoproj.io/sync-wave";
  public static final String ARGOCD_HOOK = "argocd.argoproj.io/hook";
  public static final String ARGOCD_HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
  public static final String ARGOCD_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
  public static final String ARGOCD_COMPARE_OPTIONS = "argocd.argoproj.io/compare-options";

  public static final String HELM_HOOK = "helm.sh/hook";
  public static final String HELM_HOOK_WEIGHT = "helm.sh/hook-weight";
  public static final String HELM_HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";
  public static final String HELM_RESOURCE_POLICY = "helm.sh/resource-policy";

  public static final List<String> SYNC_WAVE_KEYS = List.of(SYNC_WAVE, ARGOCD_SYNC_WAVE, HELM_HOOK_WEIGHT);
  public static final List<String> HOOK_KEYS = List.of(HOOK, ARGOCD_HOOK, HELM_HOOK);
  public static final List<String> HOOK_DELETE_POLICY_KEYS =
      List.of(HOOK_DELETE_POLICY, ARGOCD_HOOK_DELETE_POLICY, HELM_HOOK_DELETE_POLICY);
  public static final List<String> SYNC_OPTIONS_KEYS = List.of(SYNC_OPTIONS, ARGOCD_SYNC_OPTIONS);
  public static final List<String> COMPARE_OPTIONS_KEYS = List.of(COMPARE_OPTIONS, ARGOCD_COMPARE_OPTIONS);

  private SyncAnnotationKeys() {}
}
