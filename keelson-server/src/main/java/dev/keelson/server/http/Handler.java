package dev.keelson.server.http;

/** One endpoint's work: reads the exchange, answers through it, or throws an {@link ApiError}. */
@FunctionalInterface
public interface Handler {
  void handle(Exchange exchange) throws Exception;
}
