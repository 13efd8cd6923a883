package dev.keelson.controller.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's own refusals, which need no cluster: nothing of them reaches an app. */
class WebhookServerTest {
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void oversizedBodiesAndUnknownPathsAreRefused() throws Exception {
    Receivers receivers = new Receivers(Clock.systemUTC());
    receivers.put("/hook/abc", "ns", "r", ReceiverType.github, "token", List.of("push"), List.of(), false);
    try (WebhookServer server = new WebhookServer(0, receivers, new PushTrigger(null, null, app -> { }, dev.keelson.controller.shard.AppPlacement.EVERY_APP))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create(base + "/hook/abc"))
          .header("X-GitHub-Event", "push")
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(1 << 20) + 10])).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(big.statusCode()).isEqualTo(413);
      HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/hook/nope"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(unknown.statusCode()).isEqualTo(404);
      HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/hook/abc")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
      HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(base + "/hook/abc"))
          .header("X-GitHub-Event", "push").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(unsigned.statusCode()).isEqualTo(401);
    }
  }
}
