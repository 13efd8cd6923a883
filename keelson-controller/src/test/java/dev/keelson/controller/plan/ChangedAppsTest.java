package dev.keelson.controller.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSpec;
import dev.keelson.api.v1alpha1.Source;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.SourceLoader;
import dev.keelson.controller.repos.RepositoryCredentials;
import dev.keelson.source.GitSourceCache;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which apps a change touches, by tree ids; apps that read outside their path by the whole tree. */
class ChangedAppsTest {
  @TempDir Path tmp;
  Git git;
  GitSourceCache cache;
  ChangedApps changed;
  String url;

  @BeforeEach
  void setUp() throws Exception {
    Path work = tmp.resolve("work");
    git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
    url = work.toUri().toString();
    cache = new GitSourceCache(tmp.resolve("cache"));
    cache.standIn(url, work.resolve(".git"));
    changed = new ChangedApps(new SourceLoader(cache, null, RepositoryCredentials.NONE));
  }

  @AfterEach
  void tearDown() {
    cache.close();
    git.close();
  }

  String commit(Map<String, String> files) throws Exception {
    Path root = git.getRepository().getWorkTree().toPath();
    for (var f : files.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("t", "t@keelson.dev");
    return git.commit().setMessage("c").setAuthor(who).setCommitter(who).call().getName();
  }

  AppSettings app(String path) {
    Application a = new Application();
    a.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName(path.replace('/', '-')).build());
    a.setSpec(new ApplicationSpec());
    a.getSpec().source = new Source();
    a.getSpec().source.repoURL = url;
    a.getSpec().source.path = path;
    return AppSettings.of(a);
  }

  @Test
  @DisplayName("a plain directory is touched when its own tree changes, not by a commit elsewhere")
  void plainDirectory() throws Exception {
    String base = commit(Map.of("apps/web/cm.yaml", "a: 1\n", "apps/api/cm.yaml", "a: 1\n"));
    String change = commit(Map.of("apps/web/cm.yaml", "a: 2\n"));
    assertThat(changed.judge(app("apps/web"), change, base).touched()).isTrue();
    assertThat(changed.judge(app("apps/api"), change, base).touched()).isFalse();
    assertThat(changed.judge(app("apps/web"), base, base).touched()).isFalse();
  }

  @Test
  @DisplayName("a kustomization reaching outside its path with .. is judged by the whole repository; one that stays inside by its path")
  void kustomizeBases() throws Exception {
    String base = commit(Map.of(
        "base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
        "base/kustomization.yaml", "resources: [cm.yaml]\n",
        "overlays/prod/kustomization.yaml", "resources: [../../base]\n",
        "self/kustomization.yaml", "resources: [cm.yaml]\n",
        "self/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\n"));
    String change = commit(Map.of("base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: z}\n"));
    ChangedApps.Verdict overlay = changed.judge(app("overlays/prod"), change, base);
    assertThat(overlay.touched()).isTrue();
    assertThat(overlay.wholeRepository()).isTrue();
    ChangedApps.Verdict self = changed.judge(app("self"), change, base);
    assertThat(self.touched()).isFalse();
    assertThat(self.wholeRepository()).isFalse();
  }

  @Test
  @DisplayName("a path that is new at the change is touched")
  void newPath() throws Exception {
    String base = commit(Map.of("apps/web/cm.yaml", "a: 1\n"));
    String change = commit(Map.of("apps/new/cm.yaml", "a: 1\n"));
    assertThat(changed.judge(app("apps/new"), change, base).touched()).isTrue();
  }
}
