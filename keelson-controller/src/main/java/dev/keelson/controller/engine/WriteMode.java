package dev.keelson.controller.engine;

/**
 * How {@link Syncer} writes one object: server-side apply, or replace whole (Replace=true); with
 * Force=true an object the server refuses to change is deleted and applied again.
 */
enum WriteMode {
  APPLY(false, false),
  REPLACE(true, false),
  APPLY_OR_RECREATE(false, true),
  REPLACE_OR_RECREATE(true, true);

  private final boolean replaces;
  private final boolean recreatesOnRefusal;

  WriteMode(boolean replaces, boolean recreatesOnRefusal) {
    this.replaces = replaces;
    this.recreatesOnRefusal = recreatesOnRefusal;
  }

  /** From the Replace=true and Force=true sync options. */
  static WriteMode of(boolean replace, boolean force) {
    if (replace) return force ? REPLACE_OR_RECREATE : REPLACE;
    return force ? APPLY_OR_RECREATE : APPLY;
  }

  boolean replaces() {
    return replaces;
  }

  boolean recreatesOnRefusal() {
    return recreatesOnRefusal;
  }
}
