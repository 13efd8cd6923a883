package dev.keelson.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSpec;
import dev.keelson.api.v1alpha1.Destination;
import dev.keelson.api.v1alpha1.Directory;
import dev.keelson.api.v1alpha1.Source;
import dev.keelson.api.v1alpha1.SyncPolicy;
import dev.keelson.core.manifest.DirectorySelection;
import dev.keelson.core.tracking.AppRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppSettingsTest {
  private static final String REPO = "https://git.example.com/shop/deploy.git";

  private static Application app(String namespace, String name) {
    Application app = new Application();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    ApplicationSpec spec = new ApplicationSpec();
    spec.source = new Source();
    spec.source.repoURL = REPO;
    app.setSpec(spec);
    return app;
  }

  private static Application app() {
    return app("keelson", "web");
  }

  private static SyncPolicy automated(Boolean prune, Boolean selfHeal) {
    SyncPolicy policy = new SyncPolicy();
    policy.automated = new SyncPolicy.Automated();
    policy.automated.prune = prune;
    policy.automated.selfHeal = selfHeal;
    return policy;
  }

  @Nested
  @DisplayName("defaults")
  class Defaults {
    @Test
    @DisplayName("a spec with only a repoURL gets HEAD, the root path, 3m, the app's namespace and manual sync")
    void minimalSpec() {
      AppSettings s = AppSettings.of(app("team-a", "web"));

      assertThat(s.ref()).isEqualTo(new AppRef("team-a", "web"));
      assertThat(s.repoUrl()).isEqualTo(REPO);
      assertThat(s.revision()).isEqualTo("HEAD");
      assertThat(s.path()).isEmpty();
      assertThat(s.secretName()).isNull();
      assertThat(s.selection()).isEqualTo(DirectorySelection.defaults());
      assertThat(s.destinationNamespace()).isEqualTo("team-a");
      assertThat(s.automated()).isFalse();
      assertThat(s.prune()).isFalse();
      assertThat(s.selfHeal()).isFalse();
      assertThat(s.createNamespace()).isFalse();
      assertThat(s.interval()).isEqualTo(Duration.ofMinutes(3)).isEqualTo(AppSettings.DEFAULT_INTERVAL);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    @DisplayName("a missing or blank revision means HEAD")
    void revisionDefault(String revision) {
      Application app = app();
      app.getSpec().source.revision = revision;

      assertThat(AppSettings.of(app).revision()).isEqualTo("HEAD");
    }

    @Test
    @DisplayName("a revision and a repoURL are taken trimmed")
    void trimmed() {
      Application app = app();
      app.getSpec().source.revision = "  v1.2.3 ";
      app.getSpec().source.repoURL = "  " + REPO + "\n";

      AppSettings s = AppSettings.of(app);

      assertThat(s.revision()).isEqualTo("v1.2.3");
      assertThat(s.repoUrl()).isEqualTo(REPO);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", ".", "./", "/", "//", "././", " ./ "})
    @DisplayName("a path that names the repository root becomes the empty path")
    void rootPath(String path) {
      Application app = app();
      app.getSpec().source.path = path;

      assertThat(AppSettings.of(app).path()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
      "deploy/prod, deploy/prod",
      "./deploy/prod, deploy/prod",
      "/deploy/prod/, deploy/prod",
      "deploy/prod//, deploy/prod",
      "'  deploy ', deploy",
      "deploy\\prod, deploy/prod"
    })
    @DisplayName("a path is made relative, without leading ./ or slashes nor trailing slashes")
    void normalizedPath(String path, String expected) {
      Application app = app();
      app.getSpec().source.path = path;

      assertThat(AppSettings.of(app).path()).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    @DisplayName("the destination namespace defaults to the Application's namespace")
    void destinationDefault(String namespace) {
      Application app = app("team-b", "api");
      app.getSpec().destination = new Destination();
      app.getSpec().destination.namespace = namespace;

      assertThat(AppSettings.of(app).destinationNamespace()).isEqualTo("team-b");
    }

    @Test
    @DisplayName("an explicit destination namespace wins over the Application's namespace")
    void destinationExplicit() {
      Application app = app("keelson", "web");
      app.getSpec().destination = new Destination();
      app.getSpec().destination.namespace = "shop";

      assertThat(AppSettings.of(app).destinationNamespace()).isEqualTo("shop");
    }

    @Test
    @DisplayName("the credentials secret is taken by name")
    void secretRef() {
      Application app = app();
      app.getSpec().source.secretRef = new Source.SecretRef();
      app.getSpec().source.secretRef.name = "git-creds";

      assertThat(AppSettings.of(app).secretName()).isEqualTo("git-creds");
    }

    @Test
    @DisplayName("directory options become the file selection")
    void directory() {
      Application app = app();
      Directory dir = new Directory();
      dir.recurse = true;
      dir.include = "*.yaml";
      dir.exclude = "secret-*.yaml";
      app.getSpec().source.directory = dir;

      assertThat(AppSettings.of(app).selection())
          .isEqualTo(new DirectorySelection(true, List.of("*.yaml"), List.of("secret-*.yaml")));
    }

    @Test
    @DisplayName("an empty directory block reads only the top directory, everything included")
    void emptyDirectory() {
      Application app = app();
      app.getSpec().source.directory = new Directory();

      assertThat(AppSettings.of(app).selection()).isEqualTo(new DirectorySelection(false, List.of(), List.of()));
    }
  }

  @Nested
  @DisplayName("sync policy")
  class Policy {
    @Test
    @DisplayName("a syncPolicy without automated is manual sync")
    void noAutomated() {
      Application app = app();
      app.getSpec().syncPolicy = new SyncPolicy();

      AppSettings s = AppSettings.of(app);

      assertThat(s.automated()).isFalse();
      assertThat(s.prune()).isFalse();
      assertThat(s.selfHeal()).isFalse();
    }

    @Test
    @DisplayName("an empty automated block syncs automatically, without prune nor self-heal")
    void automatedOnly() {
      Application app = app();
      app.getSpec().syncPolicy = automated(null, null);

      AppSettings s = AppSettings.of(app);

      assertThat(s.automated()).isTrue();
      assertThat(s.prune()).isFalse();
      assertThat(s.selfHeal()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"true, false", "false, true", "true, true", "false, false"})
    @DisplayName("prune and selfHeal are read from the automated block")
    void flags(boolean prune, boolean selfHeal) {
      Application app = app();
      app.getSpec().syncPolicy = automated(prune, selfHeal);

      AppSettings s = AppSettings.of(app);

      assertThat(s.automated()).isTrue();
      assertThat(s.prune()).isEqualTo(prune);
      assertThat(s.selfHeal()).isEqualTo(selfHeal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreateNamespace=true", " CreateNamespace=true ", "createnamespace=TRUE"})
    @DisplayName("the CreateNamespace=true option is recognized, with or without automated sync")
    void createNamespace(String option) {
      Application app = app();
      app.getSpec().syncPolicy = new SyncPolicy();
      app.getSpec().syncPolicy.syncOptions = List.of("PruneLast=true", option);

      assertThat(AppSettings.of(app).createNamespace()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreateNamespace=false", "CreateNamespace", "PruneLast=true"})
    @DisplayName("other options do not create the namespace")
    void noCreateNamespace(String option) {
      Application app = app();
      app.getSpec().syncPolicy = automated(true, true);
      app.getSpec().syncPolicy.syncOptions = List.of(option);

      assertThat(AppSettings.of(app).createNamespace()).isFalse();
    }
  }

  @Nested
  @DisplayName("interval")
  class Interval {
    @ParameterizedTest
    @CsvSource({"30s, PT30S", "5m, PT5M", "1h30m, PT1H30M", "1.5h, PT1H30M", "' 10m ', PT10M"})
    @DisplayName("is read as a Go duration")
    void parsed(String text, String iso) {
      Application app = app();
      app.getSpec().interval = text;

      assertThat(AppSettings.of(app).interval()).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    @DisplayName("a missing or blank interval is 3m")
    void blank(String text) {
      Application app = app();
      app.getSpec().interval = text;

      assertThat(AppSettings.of(app).interval()).isEqualTo(Duration.ofMinutes(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "1d", "soon", "3 minutes", "1h x"})
    @DisplayName("an unparsable interval is rejected, naming spec.interval and the value")
    void invalid(String text) {
      Application app = app();
      app.getSpec().interval = text;

      assertThatIllegalArgumentException()
          .isThrownBy(() -> AppSettings.of(app))
          .withMessageStartingWith("spec.interval")
          .withMessageContaining(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "-1m", "-30s"})
    @DisplayName("a zero or negative interval is rejected, naming spec.interval")
    void notPositive(String text) {
      Application app = app();
      app.getSpec().interval = text;

      assertThatIllegalArgumentException()
          .isThrownBy(() -> AppSettings.of(app))
          .withMessageContaining("spec.interval");
    }
  }

  @Nested
  @DisplayName("repoURL")
  class RepoUrl {
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    @DisplayName("a missing or blank repoURL is rejected, naming spec.source.repoURL")
    void missing(String repoUrl) {
      Application app = app();
      app.getSpec().source.repoURL = repoUrl;

      assertThatIllegalArgumentException()
          .isThrownBy(() -> AppSettings.of(app))
          .withMessageContaining("spec.source.repoURL");
    }

    @Test
    @DisplayName("a spec without source, or no spec at all, is rejected, naming spec.source.repoURL")
    void noSource() {
      Application noSource = app();
      noSource.getSpec().source = null;
      Application noSpec = app();
      noSpec.setSpec(null);

      assertThatIllegalArgumentException()
          .isThrownBy(() -> AppSettings.of(noSource))
          .withMessageContaining("spec.source.repoURL");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> AppSettings.of(noSpec))
          .withMessageContaining("spec.source.repoURL");
    }
  }
}
