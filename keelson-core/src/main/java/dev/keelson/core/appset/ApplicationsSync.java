package dev.keelson.core.appset;

import java.util.Arrays;

/** syncPolicy.applicationsSync: what a set may do to the Applications it generated. */
public enum ApplicationsSync {
  CREATE_ONLY("create-only", false, false),
  CREATE_UPDATE("create-update", true, false),
  CREATE_DELETE("create-delete", false, true),
  SYNC("sync", true, true);

  private final String value;
  private final boolean updates;
  private final boolean deletes;

  ApplicationsSync(String value, boolean updates, boolean deletes) {
    this.value = value;
    this.updates = updates;
    this.deletes = deletes;
  }

  public boolean mayUpdate() {
    return updates;
  }

  public boolean mayDelete() {
    return deletes;
  }

  public String value() {
    return value;
  }

  /** Unset is sync. @throws IllegalArgumentException */
  public static ApplicationsSync parse(String s) {
    if (s == null || s.isBlank()) return SYNC;
    return Arrays.stream(values()).filter(v -> v.value.equals(s)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("syncPolicy.applicationsSync: " + s
            + " is not one of create-only, create-update, create-delete, sync"));
  }
}
