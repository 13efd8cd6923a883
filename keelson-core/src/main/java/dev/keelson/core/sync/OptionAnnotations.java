package dev.keelson.core.sync;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads the sync-options and compare-options annotations (comma separated, Argo CD's names). */
final class OptionAnnotations {
  /**
   * Argo CD options accepted on an object without effect here: validation is left to the API
   * server, Keelson does no client-side dry run, and CreateNamespace is an Application option.
   */
  private static final Set<String> ACCEPTED_SYNC_OPTIONS =
      Set.of("validate", "skipdryrunonmissingresource", "createnamespace");

  /** Argo CD's server-side diff switches: Keelson compares the same way whatever they say. */
  private static final Set<String> ACCEPTED_COMPARE_OPTIONS = Set.of("serversidediff", "includemutationwebhook");

  private OptionAnnotations() {}

  static ObjectSyncOptions syncOptions(AnnotationReader reader) {
    ObjectSyncOptions defaults = ObjectSyncOptions.DEFAULTS;
    var found = reader.first(SyncAnnotationKeys.SYNC_OPTIONS_KEYS);
    if (found.isEmpty()) return defaults;
    boolean prune = defaults.prune();
    boolean delete = defaults.delete();
    boolean replace = defaults.replace();
    boolean force = defaults.force();
    Boolean serverSideApply = defaults.serverSideApply();
    String key = found.get().key();
    for (String item : found.get().items()) {
      int eq = item.indexOf('=');
      String name = (eq < 0 ? item : item.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : item.substring(eq + 1).trim();
      Boolean flag = flag(value);
      switch (name) {
        case "prune" -> prune = flagOrConfirm(value, key, item, "pruned", reader).orElse(prune);
        case "delete" -> delete = flagOrConfirm(value, key, item, "deleted", reader).orElse(delete);
        case "replace" -> replace = checked(flag, key, item, reader).orElse(replace);
        case "force" -> force = checked(flag, key, item, reader).orElse(force);
        case "serversideapply" -> serverSideApply = checked(flag, key, item, reader).orElse(serverSideApply);
        default -> {
          if (!ACCEPTED_SYNC_OPTIONS.contains(name)) {
            reader.warn(key, item, "is not a sync option Keelson knows; ignored");
          }
        }
      }
    }
    return new ObjectSyncOptions(prune, delete, replace, force, serverSideApply);
  }

  /** Helm's {@code helm.sh/resource-policy: keep}: never pruned, never deleted with the app. */
  static boolean helmKeeps(AnnotationReader reader) {
    return reader.first(java.util.List.of(SyncAnnotationKeys.HELM_RESOURCE_POLICY))
        .map(found -> found.items().stream().anyMatch("keep"::equalsIgnoreCase))
        .orElse(false);
  }

  static boolean ignoreExtraneous(AnnotationReader reader) {
    var found = reader.first(SyncAnnotationKeys.COMPARE_OPTIONS_KEYS);
    if (found.isEmpty()) return false;
    boolean ignoreExtraneous = false;
    for (String item : found.get().items()) {
      int eq = item.indexOf('=');
      String name = (eq < 0 ? item : item.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      if (name.equals("ignoreextraneous")) {
        // Argo CD writes the bare name; an explicit value is honoured all the same.
        Boolean flag = eq < 0 ? Boolean.TRUE : flag(item.substring(eq + 1).trim());
        ignoreExtraneous = checked(flag, found.get().key(), item, reader).orElse(ignoreExtraneous);
      } else if (!ACCEPTED_COMPARE_OPTIONS.contains(name)) {
        reader.warn(found.get().key(), item, "is not a compare option Keelson knows; ignored");
      }
    }
    return ignoreExtraneous;
  }

  private static Boolean flag(String value) {
    if (value.equalsIgnoreCase("true")) return Boolean.TRUE;
    if (value.equalsIgnoreCase("false")) return Boolean.FALSE;
    return null;
  }

  /**
   * Prune= and Delete= also take Argo CD's {@code confirm}, which waits for a person to agree.
   * Keelson has no such step, so the object is kept: the safe reading of "not without asking".
   */
  private static Optional<Boolean> flagOrConfirm(
      String value, String key, String item, String verb, AnnotationReader reader) {
    if (value.equalsIgnoreCase("confirm")) {
      reader.warn(key, item, "asks for confirmation, which Keelson does not support; never " + verb);
      return Optional.of(false);
    }
    Boolean flag = flag(value);
    if (flag == null) reader.warn(key, item, "is not true, false or confirm; ignored");
    return Optional.ofNullable(flag);
  }

  private static Optional<Boolean> checked(Boolean flag, String key, String item, AnnotationReader reader) {
    if (flag == null) reader.warn(key, item, "is not true or false; ignored");
    return Optional.ofNullable(flag);
  }
}
