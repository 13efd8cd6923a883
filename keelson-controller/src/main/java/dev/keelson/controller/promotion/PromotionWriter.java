package dev.keelson.controller.promotion;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.automation.image.ImageName;
import dev.keelson.automation.promotion.Freight;
import dev.keelson.automation.promotion.ImageTags;
import dev.keelson.automation.promotion.Promoted;
import dev.keelson.automation.promotion.YamlValue;
import dev.keelson.automation.setters.Rewrite;
import dev.keelson.controller.receiver.PushTrigger;
import dev.keelson.controller.repos.RepositoryCredentials;
import dev.keelson.source.GitCredentials;
import dev.keelson.source.CommitRequest;
import dev.keelson.source.GitSourceCache;
import dev.keelson.source.PushOutcome;
import dev.keelson.source.ResolvedRevision;
import dev.keelson.source.SourceException;
import dev.keelson.source.SourceTree;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a candidate into a stage, so that Git stays the one source of truth: its image tags and
 * values into the files under the stage's path (only those values change, byte for byte elsewhere),
 * its revision into the stage's Application manifest in Git ({@code target.file}, in the stage's
 * repository or the one {@code target.repoURL} names), all in one commit pushed to the branch the
 * stage tracks (or {@code target.branch}), or to {@code spec.git.push.branch} for review.
 * Only a revision with no {@code target.file} is written into the live Application instead.
 * The apps reading the pushed branch are reconciled at once.
 */
final class PromotionWriter {
  private final KubernetesClient client;
  private final GitSourceCache git;
  private final dev.keelson.controller.repos.PushedBranches branches;
  private final RepositoryCredentials repositories;
  private final PushTrigger pushed;

  PromotionWriter(KubernetesClient client, GitSourceCache git, RepositoryCredentials repositories, PushTrigger pushed) {
    this.client = client;
    this.git = git;
    this.branches = new dev.keelson.controller.repos.PushedBranches(git);
    this.repositories = repositories;
    this.pushed = pushed;
  }

  /**
   * What a promotion did.
   *
   * @param commit the commit pushed, or null when the files already held the candidate
   * @param patched whether the Application's spec.source.revision was set in the cluster
   */
  record Written(String commit, String branch, boolean patched) {
    String describe() {
      if (commit == null && !patched) return "already in Git on branch " + branch;
      String c = commit == null ? "" : "commit " + commit.substring(0, 7) + " pushed to " + branch;
      return patched ? (c.isEmpty() ? "" : c + ", ") + "Application's spec.source.revision set" : c;
    }
  }

  /**
   * @throws IllegalArgumentException when the stage's files lack what is to be written
   * @throws SourceException the push refused ({@link dev.keelson.source.PushRefusedException}) or Git failing
   */
  Written promote(PipelineSettings settings, String pipelineNamespace, String pipeline, PipelineSettings.Stage stage,
      StageObserver.Seen seen, String from, Freight freight, String by) throws SourceException {
    Application app = seen.app();
    StageRepository repo = seen.repo();
    String path = StageObserver.path(stage, repo);
    if (stage.repoURL() != null) {
      // the stage's Application is declared elsewhere (an app of apps' repository)
      String project = app.getSpec().project == null ? "default" : app.getSpec().project;
      repo = new StageRepository(stage.repoURL(), repositories.forUrl(stage.repoURL(), project)
          .map(GitCredentials::fromSecretData).orElse(GitCredentials.NONE),
          stage.branch() == null ? "main" : stage.branch(), "");
      path = stage.path() == null ? "" : stage.path();
    }
    Promoted what = settings.promoted();
    boolean patch = what.revision() && stage.file() == null;
    String checkout = repo.branch();
    String pushBranch = settings.pushBranch() != null ? settings.pushBranch() : checkout;
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (!what.images().isEmpty() || !what.values().isEmpty() || (what.revision() && stage.file() != null)) {
      git.fetch(repo.url(), repo.credentials(), Duration.ZERO, false);
      ResolvedRevision base = branch(repo.url(), checkout);
      SourceTree tree = git.read(repo.url(), base.commitSha(), path);
      for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
        String original = new String(f.getValue(), StandardCharsets.UTF_8);
        String text = rewrite(settings, stage, f.getKey(), original, freight);
        if (!text.equals(original)) files.put(join(path, f.getKey()), text.getBytes(StandardCharsets.UTF_8));
      }
      if (stage.file() != null && !tree.files().containsKey(stage.file())) {
        throw new IllegalArgumentException("target.file " + stage.file() + " is not under " + path);
      }
      String commit = null;
      if (!files.isEmpty()) {
        boolean review = !pushBranch.equals(checkout);
        String expected = base.commitSha();
        if (review) {
          ResolvedRevision there = branches.existing(repo.url(), pushBranch);
          expected = there == null ? null : there.commitSha();
          if (there != null && branches.holds(repo.url(), there.commitSha(), files)) {
            return finish(app, patch, freight, new Written(null, pushBranch, false));
          }
        }
        String message = "Promote " + freight.describe() + " to " + stage.name() + (from == null ? "" : " from " + from)
            + "\n\nPromotionPipeline " + pipeline + ", asked by " + by + ".\n";
        PushOutcome out = git.commitAndPush(repo.url(), repo.credentials(), new CommitRequest(base.commitSha(), files,
            message, settings.authorName(), settings.authorEmail(), pushBranch, expected, review));
        commit = out.commitSha();
        pushed.pushed(app.getMetadata().getNamespace(), repo.url(), pushBranch);
        if (!pipelineNamespace.equals(app.getMetadata().getNamespace())) {
          pushed.pushed(pipelineNamespace, repo.url(), pushBranch);
        }
      }
      return finish(app, patch, freight, new Written(commit, pushBranch, false));
    }
    return finish(app, patch, freight, new Written(null, pushBranch, false));
  }

  private Written finish(Application app, boolean patch, Freight freight, Written w) {
    if (!patch) return w;
    RetryOnConflict.edit(client.resources(Application.class).inNamespace(app.getMetadata().getNamespace())
        .withName(app.getMetadata().getName()), a -> {
          a.getSpec().source.revision = freight.revision();
          return a;
        });
    return new Written(w.commit(), w.branch(), true);
  }

  /** One file with the candidate written in (unchanged when it names none of it). */
  private static String rewrite(PipelineSettings settings, PipelineSettings.Stage stage, String file, String text,
      Freight freight) {
    Promoted what = settings.promoted();
    String out = text;
    if (StageObserver.yaml(file)) {
      for (int i = 0; i < what.images().size(); i++) {
        ImageName image = settings.images().get(i);
        String tag = freight.images().get(what.images().get(i));
        if (tag == null) continue;
        Rewrite r = ImageTags.rewrite(file, out, image, tag);
        out = r.text();
      }
    }
    for (Promoted.ValuePath v : what.values()) {
      String value = freight.values().get(v.key());
      if (v.file().equals(file) && value != null) out = YamlValue.write(out, v.path(), value);
    }
    if (what.revision() && file.equals(stage.file())) {
      out = YamlValue.write(out, "spec.source.revision", freight.revision());
    }
    return out;
  }

  private ResolvedRevision branch(String url, String branch) {
    ResolvedRevision r = branches.existing(url, branch);
    if (r == null) throw new IllegalArgumentException("branch " + branch + " not found in " + url.replaceAll("//[^@/]*@", "//"));
    return r;
  }

  private static String join(String path, String file) {
    return path.isEmpty() ? file : path + "/" + file;
  }
}
