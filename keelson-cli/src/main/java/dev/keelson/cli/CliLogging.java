package dev.keelson.cli;

import java.util.List;

/**
 * Log levels for one run of the command line, set before the first logger exists (slf4j-simple
 * reads system properties ahead of {@code simplelogger.properties}).
 *
 * <p>A command prints its result on standard output; logs go to standard error and only when
 * something is wrong. Libraries' notices that ask nothing of the user (fabric8 warns about every
 * {@code v1alpha1} kind it serves) are left out. The controller and the API server are long-running processes whose
 * log is their record, so it logs at {@code info}. {@code -v} shows more of everything.
 */
final class CliLogging {
  static final List<String> VERBOSE_FLAGS = List.of("-v", "--verbose");
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private CliLogging() {}

  static void configure(String... args) {
    List<String> list = List.of(args);
    boolean verbose = list.stream().anyMatch(VERBOSE_FLAGS::contains);
    boolean longRunning = list.stream().filter(a -> !a.startsWith("-")).findFirst()
        .map(c -> c.equals("controller") || c.equals("server")).orElse(false);
    if (verbose) {
      set("defaultLogLevel", "info");
      set("log.dev.keelson", "debug");
      set("log.io.fabric8", "info");
    } else if (longRunning) {
      set("defaultLogLevel", "info");
      set("log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils", "error");
    } else {
      set("defaultLogLevel", "warn");
      set("log.io.fabric8", "error");
      set("log.io.javaoperatorsdk", "error");
      set("log.org.eclipse.jgit", "error");
    }
  }

  private static void set(String key, String level) {
    // An explicit -D from the user wins.
    if (System.getProperty(PREFIX + key) == null) {
      System.setProperty(PREFIX + key, level);
    }
  }
}
