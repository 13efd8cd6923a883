package dev.keelson.controller.promotion;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.automation.image.ImageName;
import dev.keelson.automation.promotion.Freight;
import dev.keelson.automation.promotion.ImageTags;
import dev.keelson.automation.promotion.Observed;
import dev.keelson.automation.promotion.Promoted;
import dev.keelson.automation.promotion.YamlValue;
import dev.keelson.controller.repos.RepositoryCredentials;
import dev.keelson.source.GitSourceCache;
import dev.keelson.source.SourceException;
import dev.keelson.source.SourceTree;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stage as it is now: its Application's sync and health, and what it runs, read from Git at
 * the revision it is synced to (the files under the stage's path), so "runs the candidate" means
 * what Git says it applied, not what a Pod happens to report.
 */
final class StageObserver {
  /** How often the repository is fetched when a synced commit is not in the cache yet. */
  private static final Duration FETCH_AT_MOST = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final GitSourceCache git;
  private final RepositoryCredentials repositories;

  StageObserver(KubernetesClient client, GitSourceCache git, RepositoryCredentials repositories) {
    this.client = client;
    this.git = git;
    this.repositories = repositories;
  }

  /** One stage seen: its app (null when missing), its repository and the decision's view. */
  record Seen(Application app, StageRepository repo, Observed observed) {}

  Seen observe(PipelineSettings settings, PipelineSettings.Stage stage) {
    Application app = client.resources(Application.class).inNamespace(stage.appNamespace()).withName(stage.appName()).get();
    if (app == null) return new Seen(null, null, Observed.missing());
    StageRepository repo;
    try {
      repo = StageRepository.of(client, repositories, app);
    } catch (IllegalArgumentException e) {
      return new Seen(app, null, new Observed(true, false, false, null, e.getMessage()));
    }
    ApplicationStatus st = app.getStatus();
    boolean synced = st != null && st.sync != null && "Synced".equals(st.sync.status);
    boolean healthy = st != null && st.health != null && "Healthy".equals(st.health.status);
    String failure = null;
    if (st != null && st.health != null && "Degraded".equals(st.health.status)) {
      failure = "Degraded" + (st.health.message == null || st.health.message.isBlank() ? "" : ": " + st.health.message);
    } else if (st != null && st.operationState != null
        && ("Failed".equals(st.operationState.phase) || "Error".equals(st.operationState.phase))) {
      failure = "sync failed" + (st.operationState.message == null ? "" : ": " + st.operationState.message);
    }
    String revision = st == null || st.sync == null ? null : st.sync.revision;
    Freight freight = null;
    if (revision != null) {
      try {
        freight = freightAt(settings, stage, repo, revision);
      } catch (IllegalArgumentException | SourceException e) {
        if (failure == null) failure = e.getMessage();
      }
    }
    return new Seen(app, repo, new Observed(true, synced, healthy, freight, failure));
  }

  /**
   * What the stage's files give at {@code commit}.
   *
   * @throws IllegalArgumentException when an image or value promoted is not in them
   */
  Freight freightAt(PipelineSettings settings, PipelineSettings.Stage stage, StageRepository repo, String commit)
      throws SourceException {
    Promoted what = settings.promoted();
    Map<String, String> images = new TreeMap<>();
    Map<String, String> values = new TreeMap<>();
    if (!what.images().isEmpty() || !what.values().isEmpty()) {
      String path = path(stage, repo);
      SourceTree tree = read(repo, commit, path);
      for (int i = 0; i < what.images().size(); i++) {
        ImageName image = settings.images().get(i);
        Optional<String> tag = Optional.empty();
        for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
          if (!yaml(f.getKey())) continue;
          String name = f.getKey().substring(f.getKey().lastIndexOf('/') + 1);
          tag = ImageTags.find(name, new String(f.getValue(), StandardCharsets.UTF_8), image);
          if (tag.isPresent()) break;
        }
        if (tag.isEmpty()) {
          throw new IllegalArgumentException("no tag of image " + what.images().get(i) + " under " + show(path)
              + " at " + commit.substring(0, Math.min(7, commit.length())));
        }
        images.put(what.images().get(i), tag.get());
      }
      for (Promoted.ValuePath v : what.values()) {
        byte[] file = tree.files().get(v.file());
        Optional<String> value = file == null ? Optional.empty()
            : YamlValue.read(new String(file, StandardCharsets.UTF_8), v.path());
        if (value.isEmpty()) {
          throw new IllegalArgumentException((file == null ? "no file " + v.file() : "no value at " + v.path() + " in "
              + v.file()) + " under " + show(path));
        }
        values.put(v.key(), value.get());
      }
    }
    return Freight.of(what.revision() ? commit : null, images, values);
  }

  /** The files under a path at a commit, fetched first when the cache does not hold the commit yet. */
  SourceTree read(StageRepository repo, String commit, String path) throws SourceException {
    try {
      return git.read(repo.url(), commit, path);
    } catch (SourceException e) {
      git.fetch(repo.url(), repo.credentials(), FETCH_AT_MOST, false);
      return git.read(repo.url(), commit, path);
    }
  }

  static String path(PipelineSettings.Stage stage, StageRepository repo) {
    return stage.path() != null ? stage.path() : repo.path();
  }

  static boolean yaml(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.equals("Kustomization");
  }

  private static String show(String path) {
    return path.isEmpty() ? "the repository's root" : path;
  }
}
