package dev.keelson.automation.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.automation.image.ImageName;
import dev.keelson.helm.OciRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scans against Debian's docker-registry (the CNCF distribution registry) on loopback. */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class RegistryScanTest {
  static OciRegistry open;
  static OciRegistry locked;
  static final RegistryClient.Options PLAIN = new RegistryClient.Options(true, null, Duration.ofSeconds(10));

  @BeforeAll
  static void start() throws Exception {
    open = new OciRegistry();
    locked = new OciRegistry(true);
  }

  @AfterAll
  static void stop() {
    if (open != null) open.close();
    if (locked != null) locked.close();
  }

  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aRegistryThatListsEverythingAtOnceIsReadWholeEveryTime() throws Exception {
    RegistryUploads up = new RegistryUploads(open.host(), null, null);
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < 25; i++) tags.add(String.format("build-%03d", i));
    tags.add("build-007.sig");
    for (String t : tags) up.push("team/paged", t, false);
    MovableClock clock = new MovableClock();
    RegistryClient client = new RegistryClient(PLAIN, clock);
    TagScanner scanner = new TagScanner(client, clock, Duration.ofHours(1), 10);
    ImageName image = ImageName.parse(open.host() + "/team/paged");
    List<Pattern> sig = List.of(Pattern.compile("^.*\\.sig$"));

    ScannedTags first = scanner.scan(image, RegistryCredentials.ANONYMOUS, null, sig);
    assertThat(first.mode()).isEqualTo(ScannedTags.ScanMode.FULL);
    assertThat(first.count()).isEqualTo(25);
    // docker-registry 2.8 ignores n and last (the distribution registry pages tags from 3.0 on)
    assertThat(first.requests()).isEqualTo(1);
    assertThat(first.latest(3)).containsExactly("build-024", "build-023", "build-022");

    up.push("team/paged", "build-025", false);
    up.push("team/paged", "build-026", false);
    clock.now = clock.now.plusSeconds(60);
    ScannedTags second = scanner.scan(image, RegistryCredentials.ANONYMOUS, first, sig);
    // it ignored last= too: the answer is taken as the whole list, no tag twice
    assertThat(second.mode()).isEqualTo(ScannedTags.ScanMode.FULL);
    assertThat(second.count()).isEqualTo(27);
    assertThat(second.greatest()).isEqualTo("build-026");

    // a tag sorting before the greatest is found by the next full scan
    up.push("team/paged", "a-first", false);
    clock.now = clock.now.plus(Duration.ofHours(1));
    ScannedTags third = scanner.scan(image, RegistryCredentials.ANONYMOUS, second, sig);
    assertThat(third.mode()).isEqualTo(ScannedTags.ScanMode.FULL);
    assertThat(third.tags()).contains("a-first").hasSize(28);
  }

  @Test
  void anImagePushedByJibIsScannedAndItsDigestMatches(@org.junit.jupiter.api.io.TempDir java.nio.file.Path cache)
      throws Exception {
    com.google.cloud.tools.jib.api.JibContainer pushed = com.google.cloud.tools.jib.api.Jib.fromScratch()
        .addLabel("built-by", "keelson-test")
        .containerize(com.google.cloud.tools.jib.api.Containerizer
            .to(com.google.cloud.tools.jib.api.RegistryImage.named(open.host() + "/jib/app:1.0.0"))
            .withAdditionalTag("1.1.0")
            .setAllowInsecureRegistries(true)
            .setBaseImageLayersCache(cache.resolve("base"))
            .setApplicationLayersCache(cache.resolve("app")));
    RegistryClient client = new RegistryClient(PLAIN, Clock.systemUTC());
    ImageName image = ImageName.parse(open.host() + "/jib/app");
    List<String> seen = new ArrayList<>();
    client.listTags(image, RegistryCredentials.ANONYMOUS, null, 100, seen::add);
    assertThat(seen).containsExactlyInAnyOrder("1.0.0", "1.1.0");
    assertThat(client.digest(image, RegistryCredentials.ANONYMOUS, "1.1.0")).contains(pushed.getDigest().toString());
  }

  @Test
  void digestsComeFromTheManifest() throws Exception {
    List<String> digests = new RegistryUploads(open.host(), null, null).push("team/digests", "1.0.0", "1.1.0");
    RegistryClient client = new RegistryClient(PLAIN, Clock.systemUTC());
    ImageName image = ImageName.parse(open.host() + "/team/digests");
    assertThat(client.digest(image, RegistryCredentials.ANONYMOUS, "1.1.0")).contains(digests.get(1));
    assertThatThrownBy(() -> client.digest(image, RegistryCredentials.ANONYMOUS, "9.9.9"))
        .isInstanceOf(RegistryException.class).hasMessageContaining("no such tag");
    assertThatThrownBy(() -> client.listTags(ImageName.parse(open.host() + "/team/none"), RegistryCredentials.ANONYMOUS,
        null, 100, t -> { }))
        .isInstanceOf(RegistryException.class)
        .satisfies(e -> assertThat(((RegistryException) e).reason()).isEqualTo(RegistryException.Reason.NOT_FOUND));
  }

  @Test
  void basicAuthFromDockerConfigAndAClearFailureWithoutShowingThePassword() throws Exception {
    new RegistryUploads(locked.host(), OciRegistry.USER, OciRegistry.PASSWORD).push("private/app", "2.0.0");
    String config = "{\"auths\":{\"http://" + locked.host() + "/v2/\":{\"auth\":\""
        + java.util.Base64.getEncoder().encodeToString((OciRegistry.USER + ":" + OciRegistry.PASSWORD).getBytes()) + "\"}}}";
    RegistryCredentials creds = DockerConfig.credentialsFor(config, locked.host());
    assertThat(creds).hasToString("Basic[username=robot, password=***]");
    RegistryClient client = new RegistryClient(PLAIN, Clock.systemUTC());
    ImageName image = ImageName.parse(locked.host() + "/private/app");
    List<String> seen = new ArrayList<>();
    client.listTags(image, creds, null, 100, seen::add);
    assertThat(seen).containsExactly("2.0.0");

    assertThatThrownBy(() -> client.listTags(image, new RegistryCredentials.Basic("robot", "wrong-password"), null, 100,
        t -> { }))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("refused the credentials")
        .hasMessageNotContaining("wrong-password");
    assertThatThrownBy(() -> client.listTags(image, RegistryCredentials.ANONYMOUS, null, 100, t -> { }))
        .hasMessageContaining("spec.secretRef");
  }
}
