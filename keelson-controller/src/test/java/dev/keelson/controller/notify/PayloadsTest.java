package dev.keelson.controller.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PayloadsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static ProviderConfig provider(ProviderType type, String address, String token) {
    return new ProviderConfig("shop", "p", type, URI.create(address), "general", "keelson", null, token, null, null,
        Map.of("X-Team", "shop"), false);
  }

  static JsonNode body(OutgoingRequest r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void genericIsFluxsEvent() throws Exception {
    NotifyEvent e = Events.event("shop", "web", NotifyEvent.Severity.error, "SyncFailed", "revision x: boom");
    OutgoingRequest r = Payloads.render(provider(ProviderType.generic, "http://127.0.0.1:1/hook", null), e).orElseThrow();
    JsonNode b = body(r);
    assertThat(b.at("/involvedObject/kind").asText()).isEqualTo("Application");
    assertThat(b.at("/involvedObject/namespace").asText()).isEqualTo("shop");
    assertThat(b.at("/involvedObject/name").asText()).isEqualTo("web");
    assertThat(b.at("/severity").asText()).isEqualTo("error");
    assertThat(b.at("/reason").asText()).isEqualTo("SyncFailed");
    assertThat(b.at("/message").asText()).isEqualTo("revision x: boom");
    assertThat(b.at("/metadata/revision").asText()).isEqualTo(Events.SHA);
    assertThat(b.at("/timestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(b.at("/reportingController").asText()).isEqualTo("keelson-controller");
    assertThat(r.headers()).containsEntry("X-Team", "shop").doesNotContainKey(HmacSignature.HEADER);
  }

  @Test
  void genericHmacSignsTheBodyAsAReceiverVerifiesIt() throws Exception {
    NotifyEvent e = Events.event("shop", "web", NotifyEvent.Severity.info, "Synced", "ok");
    OutgoingRequest r = Payloads.render(provider(ProviderType.genericHmac, "http://127.0.0.1:1/hook", "k3y"), e).orElseThrow();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("k3y".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(r.headers().get("X-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body())));
    // the text form of a request or provider shows no credentials
    assertThat(r.toString()).doesNotContain("127.0.0.1").doesNotContain("k3y");
    assertThat(provider(ProviderType.genericHmac, "http://127.0.0.1:1/hook", "k3y").toString()).doesNotContain("k3y")
        .doesNotContain("hook");
  }

  @Test
  void chatServices() throws Exception {
    NotifyEvent e = Events.event("shop", "web", NotifyEvent.Severity.error, "HealthDegraded", "health degraded");
    JsonNode slack = body(Payloads.render(provider(ProviderType.slack, "https://hooks.slack.test/x", null), e).orElseThrow());
    assertThat(slack.at("/channel").asText()).isEqualTo("general");
    assertThat(slack.at("/username").asText()).isEqualTo("keelson");
    assertThat(slack.at("/attachments/0/color").asText()).isEqualTo("danger");
    assertThat(slack.at("/attachments/0/author_name").asText()).isEqualTo("application/web.shop");
    assertThat(slack.at("/attachments/0/text").asText()).isEqualTo("health degraded");
    assertThat(slack.at("/attachments/0/fields/0/title").asText()).isEqualTo("revision");

    JsonNode teams = body(Payloads.render(provider(ProviderType.msteams, "https://teams.test/x", null), e).orElseThrow());
    assertThat(teams.at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(teams.at("/attachments/0/content/type").asText()).isEqualTo("AdaptiveCard");
    assertThat(teams.at("/attachments/0/content/body/1/text").asText()).isEqualTo("health degraded");

    JsonNode discord = body(Payloads.render(provider(ProviderType.discord, "https://discord.test/x", null), e).orElseThrow());
    assertThat(discord.at("/embeds/0/title").asText()).isEqualTo("application/web.shop: HealthDegraded");
    assertThat(discord.at("/embeds/0/color").asInt()).isEqualTo(0xE01E5A);
    assertThat(discord.at("/embeds/0/fields/0/value").asText()).isEqualTo(Events.SHA);
  }

  @Test
  void commitStatusesPerServer() throws Exception {
    NotifyEvent pending = Events.synced(NotifyEvent.CommitState.pending, "https://github.com/acme/shop.git");
    OutgoingRequest gh = Payloads.render(provider(ProviderType.github, "http://127.0.0.1:9/", "t0k"), pending).orElseThrow();
    assertThat(gh.uri()).hasToString("http://127.0.0.1:9/repos/acme/shop/statuses/" + Events.SHA);
    assertThat(gh.headers()).containsEntry("Authorization", "Bearer t0k");
    assertThat(body(gh).at("/state").asText()).isEqualTo("pending");
    assertThat(body(gh).at("/context").asText()).isEqualTo("keelson/shop/web");

    NotifyEvent failed = Events.synced(NotifyEvent.CommitState.failure, "git@gitlab.com:acme/platform/shop.git");
    OutgoingRequest gl = Payloads.render(provider(ProviderType.gitlab, "http://127.0.0.1:9/api/v4", "t0k"), failed).orElseThrow();
    assertThat(gl.uri()).hasToString("http://127.0.0.1:9/api/v4/projects/acme%2Fplatform%2Fshop/statuses/" + Events.SHA);
    assertThat(gl.headers()).containsEntry("PRIVATE-TOKEN", "t0k");
    assertThat(body(gl).at("/state").asText()).isEqualTo("failed");
    assertThat(body(gl).at("/name").asText()).isEqualTo("keelson/shop/web");

    NotifyEvent ok = Events.synced(NotifyEvent.CommitState.success, "https://gitea.test/acme/shop");
    OutgoingRequest gt = Payloads.render(provider(ProviderType.gitea, "https://gitea.test", "t0k"), ok).orElseThrow();
    assertThat(gt.uri()).hasToString("https://gitea.test/api/v1/repos/acme/shop/statuses/" + Events.SHA);
    assertThat(gt.headers()).containsEntry("Authorization", "token t0k");
    assertThat(body(gt).at("/state").asText()).isEqualTo("success");
    assertThat(body(gt).at("/description").asText().length()).isLessThanOrEqualTo(Payloads.STATUS_DESCRIPTION_MAX);
  }

  @Test
  void commitStatusProvidersTakeOnlyEventsWithACommit() {
    NotifyEvent drift = Events.event("shop", "web", NotifyEvent.Severity.error, "DriftDetected", "x");
    assertThat(Payloads.render(provider(ProviderType.github, "http://127.0.0.1:9", "t"), drift)).isEmpty();
    NotifyEvent chart = new NotifyEvent(Events.app("shop", "web", Map.of()), NotifyEvent.Severity.info, "Synced", "m",
        "1.2.3", new NotifyEvent.Commit("https://github.com/a/b", "1.2.3", NotifyEvent.CommitState.success), Map.of(),
        Events.AT);
    assertThat(Payloads.render(provider(ProviderType.github, "http://127.0.0.1:9", "t"), chart)).isEmpty();
  }
}
