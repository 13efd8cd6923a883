package dev.keelson.controller.engine;

import java.util.List;
import java.util.Optional;

/** What the engine needs to know about the apps this one depends on. */
public interface Dependencies {
  /** The apps of a dependency cycle this app is part of or leads to (e.g. [a, b, a]), or empty. */
  Optional<List<String>> cycle();

  /** Why some dependency is not ready yet (naming it), or empty when all are ready. */
  Optional<String> notReady();

  Dependencies NONE = new Dependencies() {
    @Override
    public Optional<List<String>> cycle() {
      return Optional.empty();
    }

    @Override
    public Optional<String> notReady() {
      return Optional.empty();
    }
  };
}
