package dev.keelson.cli;

/** Exit codes shared by all commands; `app diff` follows diff(1): 0 same, 1 different, 2 error. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int DIFFERENT = 1;
  public static final int FAILED = 1;
  public static final int ERROR = 2;

  private ExitCodes() {}
}
