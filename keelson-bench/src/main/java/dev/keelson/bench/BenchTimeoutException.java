package dev.keelson.bench;

/** The run went over {@code --timeout} (or was interrupted): the message says where. */
final class BenchTimeoutException extends RuntimeException {
  BenchTimeoutException(String message) {
    super(message);
  }
}
