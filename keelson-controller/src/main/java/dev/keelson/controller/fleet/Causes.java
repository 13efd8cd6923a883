package dev.keelson.controller.fleet;

/** The innermost cause's message, which is what says why a cluster cannot be reached. */
public final class Causes {
  private Causes() {}

  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
