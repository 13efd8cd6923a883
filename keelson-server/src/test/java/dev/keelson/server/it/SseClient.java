package dev.keelson.server.it;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads an event stream on a thread of its own; the test takes events with a deadline. */
final class SseClient implements AutoCloseable {
  record Event(String type, String data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final InputStream body;
  private final Thread reader;
  final int status;

  SseClient(Api api, String path, String token) throws Exception {
    HttpResponse<InputStream> r = api.http().send(api.request(path, token).timeout(Duration.ofMinutes(5))
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    status = r.statusCode();
    body = r.body();
    reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String type = null;
      StringBuilder data = new StringBuilder();
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isEmpty()) {
          if (type != null) events.add(new Event(type, data.toString()));
          type = null;
          data.setLength(0);
        } else if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (Exception e) {
      // closed by the test
    }
  }

  /** The next event, or an AssertionError when none came in time. */
  Event next(Duration timeout) throws InterruptedException {
    Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) throw new AssertionError("no event within " + timeout);
    return e;
  }

  @Override
  public void close() throws Exception {
    body.close();
  }
}
