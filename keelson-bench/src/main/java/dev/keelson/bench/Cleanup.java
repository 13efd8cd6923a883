package dev.keelson.bench;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a run must undo, undone in reverse order of registration exactly once: by the runner when
 * the scenario ends (success, failure or timeout) or by the shutdown hook on Ctrl-C.
 */
final class Cleanup {
  interface Action {
    void run() throws Exception;
  }

  private record Step(String what, Action action) {}

  private final Deque<Step> steps = new ArrayDeque<>();
  private final PrintWriter err;

  Cleanup(PrintWriter err) {
    this.err = err;
  }

  synchronized void add(String what, Action action) {
    steps.push(new Step(what, action));
  }

  /** Runs every registered step, newest first; failures are reported and do not stop the rest. */
  void runAll() {
    while (true) {
      Step step;
      synchronized (this) {
        step = steps.poll();
      }
      if (step == null) return;
      try {
        step.action().run();
      } catch (Exception | LinkageError e) {
        err.println("[bench] cleanup: " + step.what() + " failed: " + e);
        err.flush();
      }
    }
  }
}
