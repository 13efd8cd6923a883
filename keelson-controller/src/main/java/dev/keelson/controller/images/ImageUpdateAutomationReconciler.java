package dev.keelson.controller.images;

import dev.keelson.api.images.v1alpha1.ImagePolicy;
import dev.keelson.api.images.v1alpha1.ImageUpdateAutomation;
import dev.keelson.api.images.v1alpha1.ImageUpdateAutomationSpec;
import dev.keelson.api.images.v1alpha1.ImageUpdateAutomationStatus;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.automation.commit.CommitMessage;
import dev.keelson.automation.image.ChosenImage;
import dev.keelson.automation.image.ImageName;
import dev.keelson.automation.setters.Change;
import dev.keelson.automation.setters.KustomizeImages;
import dev.keelson.automation.setters.Rewrite;
import dev.keelson.automation.setters.SetterRewriter;
import dev.keelson.controller.receiver.PushTrigger;
import dev.keelson.controller.repos.RepositoryCredentials;
import dev.keelson.controller.repos.SecretData;
import dev.keelson.core.time.Durations;
import dev.keelson.source.CommitRequest;
import dev.keelson.source.GitCredentials;
import dev.keelson.source.GitSourceCache;
import dev.keelson.source.PushOutcome;
import dev.keelson.source.PushRefusedException;
import dev.keelson.source.ResolvedRevision;
import dev.keelson.source.SourceException;
import dev.keelson.source.SourceTree;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the images the namespace's ImagePolicies chose into the repository: the files under
 * {@code update.path} at the checkout branch are read from the Git cache (no checkout), their
 * setter markers and Kustomize {@code images:} entries rewritten in memory, and only when a value
 * moved is a commit made and pushed, through the cache's clone with the source's credentials.
 * The Applications of the namespace reading that branch are then fetched and reconciled at once.
 */
@ControllerConfiguration(name = "imageupdateautomation")
public final class ImageUpdateAutomationReconciler implements Reconciler<ImageUpdateAutomation> {
  private static final Logger LOG = LoggerFactory.getLogger(ImageUpdateAutomationReconciler.class);
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  /** After a branch moved on under a push, look again this soon (from a new fetch). */
  static final Duration RETRY_MOVED = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final GitSourceCache git;
  private final dev.keelson.controller.repos.PushedBranches branches;
  private final RepositoryCredentials repositories;
  private final PushTrigger pushed;
  private final Clock clock;
  private final dev.keelson.controller.runtime.EventRecorder events;
  final Nudge<ImageUpdateAutomation> nudge = new Nudge<>("image-policies");

  ImageUpdateAutomationReconciler(KubernetesClient client, GitSourceCache git, RepositoryCredentials repositories,
      PushTrigger pushed, dev.keelson.controller.runtime.EventRecorder events, Clock clock) {
    this.client = client;
    this.events = events;
    this.git = git;
    this.branches = new dev.keelson.controller.repos.PushedBranches(git);
    this.repositories = repositories;
    this.pushed = pushed;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, ImageUpdateAutomation>> prepareEventSources(EventSourceContext<ImageUpdateAutomation> context) {
    return List.of(nudge);
  }

  /** The repository written to, with its credentials and the branch its app reads. */
  private record Target(String url, GitCredentials credentials, String defaultBranch, String appNamespace) {}

  /** A failure with its condition reason. */
  private static final class Failure extends Exception {
    final String reason;

    Failure(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  @Override
  public UpdateControl<ImageUpdateAutomation> reconcile(ImageUpdateAutomation auto, Context<ImageUpdateAutomation> context) {
    String ns = auto.getMetadata().getNamespace();
    String name = auto.getMetadata().getName();
    ImageUpdateAutomationSpec spec = auto.getSpec();
    ImageUpdateAutomationStatus old = auto.getStatus() == null ? new ImageUpdateAutomationStatus() : auto.getStatus();
    ImageUpdateAutomationStatus next = new ImageUpdateAutomationStatus();
    next.observedGeneration = auto.getMetadata().getGeneration();
    next.lastPushCommit = old.lastPushCommit;
    next.lastPushTime = old.lastPushTime;
    next.lastPushBranch = old.lastPushBranch;
    next.observedPolicies = old.observedPolicies;
    next.lastAutomationRunTime = old.lastAutomationRunTime;
    Duration interval = DEFAULT_INTERVAL;
    Duration recheck;
    try {
      interval = spec.interval == null ? DEFAULT_INTERVAL : Durations.parse(spec.interval);
      recheck = interval;
      if (Boolean.TRUE.equals(spec.suspend)) {
        next.conditions.add(Conditions.ready(old.conditions, true, "Suspended", "automation is suspended",
            next.observedGeneration, clock));
        write(auto, old, next);
        return UpdateControl.noUpdate();
      }
      if (spec.git == null || spec.git.commit == null || spec.git.commit.author == null
          || spec.git.commit.author.email == null || spec.git.commit.author.email.isBlank()) {
        throw new Failure("InvalidSpec", "spec.git.commit.author.email is required");
      }
      Target target = target(ns, spec);
      String checkout = spec.git.checkout != null && spec.git.checkout.ref != null && spec.git.checkout.ref.branch != null
          ? spec.git.checkout.ref.branch : target.defaultBranch();
      String pushBranch = spec.git.push != null && spec.git.push.branch != null && !spec.git.push.branch.isBlank()
          ? spec.git.push.branch : checkout;
      String path = spec.update == null || spec.update.path == null ? "" : trimPath(spec.update.path);
      if (spec.update != null && spec.update.strategy != null && !spec.update.strategy.equals("Setters")) {
        throw new Failure("InvalidSpec", "spec.update.strategy " + spec.update.strategy + " is not supported (Setters is)");
      }

      Map<String, ChosenImage> chosen = new TreeMap<>();
      List<KustomizeImages.Watched> watched = new ArrayList<>();
      policies(ns, spec, chosen, watched);
      next.observedPolicies = new TreeMap<>();
      chosen.forEach((k, v) -> next.observedPolicies.put(k, v.reference()));

      git.fetch(target.url(), target.credentials(), Duration.ZERO, false);
      ResolvedRevision base = branch(target.url(), checkout);
      SourceTree tree = git.read(target.url(), base.commitSha(), path);
      Map<String, byte[]> files = new LinkedHashMap<>();
      List<Change> changes = new ArrayList<>();
      for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
        String file = f.getKey();
        String fileName = file.substring(file.lastIndexOf('/') + 1);
        boolean kustomization = KustomizeImages.isKustomization(fileName);
        if (!kustomization && !(fileName.endsWith(".yaml") || fileName.endsWith(".yml"))) continue;
        String text = new String(f.getValue(), StandardCharsets.UTF_8);
        String repoPath = path.isEmpty() ? file : path + "/" + file;
        Rewrite r = SetterRewriter.rewrite(repoPath, text, chosen);
        List<Change> fileChanges = new ArrayList<>(r.changes());
        if (kustomization) {
          Rewrite k = KustomizeImages.rewrite(repoPath, r.text(), watched);
          fileChanges.addAll(k.changes());
          r = new Rewrite(k.text(), fileChanges);
        }
        if (!fileChanges.isEmpty()) {
          files.put(repoPath, r.text().getBytes(StandardCharsets.UTF_8));
          changes.addAll(fileChanges);
        }
      }
      next.lastAutomationRunTime = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
      if (changes.isEmpty()) {
        next.conditions.add(Conditions.ready(old.conditions, true, "Succeeded", "repository up-to-date at "
            + checkout + "@" + base.commitSha().substring(0, 7), next.observedGeneration, clock));
        write(auto, old, next);
        return UpdateControl.<ImageUpdateAutomation>noUpdate().rescheduleAfter(interval);
      }
      String expected;
      boolean force = !pushBranch.equals(checkout);
      if (force) {
        ResolvedRevision review = branches.existing(target.url(), pushBranch);
        expected = review == null ? null : review.commitSha();
        if (review != null && branches.holds(target.url(), review.commitSha(), files)) {
          next.conditions.add(Conditions.ready(old.conditions, true, "Succeeded", "branch " + pushBranch
              + " already holds the update", next.observedGeneration, clock));
          write(auto, old, next);
          return UpdateControl.<ImageUpdateAutomation>noUpdate().rescheduleAfter(interval);
        }
      } else {
        expected = base.commitSha();
      }
      Map<String, String> chosenRefs = new TreeMap<>();
      chosen.forEach((k, v) -> chosenRefs.put(k, v.reference()));
      String message = CommitMessage.render(spec.git.commit.messageTemplate, ns + "/" + name, changes, chosenRefs,
          spec.git.commit.messageTemplateValues);
      PushOutcome out = git.commitAndPush(target.url(), target.credentials(), new CommitRequest(base.commitSha(), files,
          message, spec.git.commit.author.name, spec.git.commit.author.email, pushBranch, expected, force));
      next.lastPushCommit = out.commitSha();
      next.lastPushBranch = out.branch();
      next.lastPushTime = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
      next.conditions.add(Conditions.ready(old.conditions, true, "Succeeded", "pushed commit "
          + out.commitSha().substring(0, 7) + " to branch " + out.branch() + " (" + changes.size() + " change"
          + (changes.size() == 1 ? "" : "s") + ")", next.observedGeneration, clock));
      write(auto, old, next);
      StringBuilder moved = new StringBuilder();
      for (Change c : changes) {
        if (moved.length() > 0) moved.append(", ");
        moved.append(c.file()).append(": ").append(c.oldValue()).append(" -> ").append(c.newValue());
      }
      events.normal(auto, "ImageUpdated", "pushed " + out.commitSha().substring(0, 7) + " to " + out.branch() + ": " + moved,
          dev.keelson.controller.notify.NotifyEvent.Detail.revision(out.commitSha()));
      // the apps reading that branch look now, not at their interval
      pushed.pushed(ns, target.url(), pushBranch);
      if (target.appNamespace() != null && !target.appNamespace().equals(ns)) {
        pushed.pushed(target.appNamespace(), target.url(), pushBranch);
      }
    } catch (Failure e) {
      next.conditions.add(Conditions.ready(old.conditions, false, e.reason, e.getMessage(), next.observedGeneration, clock));
      write(auto, old, next);
      recheck = interval;
    } catch (IllegalArgumentException e) {
      next.conditions.add(Conditions.ready(old.conditions, false, "InvalidSpec", e.getMessage(), next.observedGeneration, clock));
      write(auto, old, next);
      recheck = interval;
    } catch (PushRefusedException e) {
      String reason = e.reason() == PushRefusedException.Reason.TRANSPORT ? "GitOperationFailed" : "PushRefused";
      next.conditions.add(Conditions.ready(old.conditions, false, reason, e.getMessage(), next.observedGeneration, clock));
      // once per refusal, not once per retry
      if (!Conditions.same(old.conditions, next.conditions)) events.warning(auto, reason, e.getMessage());
      write(auto, old, next);
      recheck = e.reason() == PushRefusedException.Reason.NOT_FAST_FORWARD ? RETRY_MOVED : interval;
      LOG.info("automation {}/{}: {}", ns, name, e.getMessage());
    } catch (SourceException e) {
      next.conditions.add(Conditions.ready(old.conditions, false, "GitOperationFailed", e.getMessage(),
          next.observedGeneration, clock));
      write(auto, old, next);
      recheck = interval;
    }
    return UpdateControl.<ImageUpdateAutomation>noUpdate().rescheduleAfter(recheck);
  }

  private Target target(String ns, ImageUpdateAutomationSpec spec) throws Failure {
    if (spec.url != null && !spec.url.isBlank()) {
      if (spec.sourceRef != null) throw new Failure("InvalidSpec", "spec.sourceRef and spec.url are exclusive");
      GitCredentials creds = GitCredentials.NONE;
      if (spec.secretRef != null && spec.secretRef.name != null) creds = credentials(ns, spec.secretRef.name, "spec.secretRef");
      else creds = repositories.forUrl(spec.url, "default").map(GitCredentials::fromSecretData).orElse(GitCredentials.NONE);
      return new Target(spec.url.strip(), creds, "main", null);
    }
    if (spec.sourceRef == null || spec.sourceRef.name == null) {
      throw new Failure("InvalidSpec", "spec.sourceRef (an Application) or spec.url is required");
    }
    if (spec.sourceRef.kind != null && !spec.sourceRef.kind.equals("Application")) {
      throw new Failure("InvalidSpec", "spec.sourceRef.kind " + spec.sourceRef.kind
          + " is not supported: name an Application, or give spec.url");
    }
    String appNs = spec.sourceRef.namespace == null || spec.sourceRef.namespace.isBlank() ? ns : spec.sourceRef.namespace;
    Application app = client.resources(Application.class).inNamespace(appNs).withName(spec.sourceRef.name).get();
    if (app == null) throw new Failure("SourceNotFound", "Application " + appNs + "/" + spec.sourceRef.name + " not found");
    var source = app.getSpec() == null ? null : app.getSpec().source;
    if (source == null || source.repoURL == null || source.chart != null) {
      throw new Failure("InvalidSpec", "Application " + appNs + "/" + spec.sourceRef.name + " has no Git source to write to");
    }
    GitCredentials creds;
    if (source.secretRef != null && source.secretRef.name != null) {
      creds = credentials(appNs, source.secretRef.name, "the Application's source.secretRef");
    } else {
      String project = app.getSpec().project == null ? "default" : app.getSpec().project;
      creds = repositories.forUrl(source.repoURL, project).map(GitCredentials::fromSecretData).orElse(GitCredentials.NONE);
    }
    String rev = source.revision;
    boolean branch = rev != null && !rev.isBlank() && !rev.equals("HEAD") && rev.matches("[A-Za-z0-9._/-]+")
        && !rev.matches("v?\\d+(\\.\\d+){0,2}") && !rev.matches("[0-9a-f]{40}");
    return new Target(source.repoURL, creds, branch ? rev : "main", appNs);
  }

  private GitCredentials credentials(String ns, String secret, String field) throws Failure {
    Secret s = client.secrets().inNamespace(ns).withName(secret).get();
    if (s == null) throw new Failure("InvalidSpec", field + ": Secret " + ns + "/" + secret + " not found");
    return GitCredentials.fromSecretData(SecretData.of(s));
  }

  /** The policies of the namespace (those policySelector picks) with a choice. */
  private void policies(String ns, ImageUpdateAutomationSpec spec, Map<String, ChosenImage> chosen,
      List<KustomizeImages.Watched> watched) {
    var list = client.resources(ImagePolicy.class).inNamespace(ns);
    var selector = spec.policySelector;
    List<ImagePolicy> items = selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
        ? list.withLabels(selector.getMatchLabels()).list().getItems() : list.list().getItems();
    for (ImagePolicy p : items) {
      var ref = p.getStatus() == null ? null : p.getStatus().latestRef;
      if (ref == null || ref.name == null || ref.tag == null) continue;
      String key = ns + ":" + p.getMetadata().getName();
      ChosenImage image = new ChosenImage(ref.name, ref.tag, ref.digest);
      chosen.put(key, image);
      try {
        watched.add(new KustomizeImages.Watched(key, ImageName.parse(ref.name), image));
      } catch (IllegalArgumentException ignored) {
        // a name the policy wrote itself always parses
      }
    }
  }

  private ResolvedRevision branch(String url, String branch) throws SourceException, Failure {
    ResolvedRevision r = branches.existing(url, branch);
    if (r == null) throw new Failure("GitOperationFailed", "branch " + branch + " not found in " + url.replaceAll("//[^@/]*@", "//"));
    return r;
  }

  private static String trimPath(String p) {
    String s = p.strip();
    while (s.startsWith("./")) s = s.substring(2);
    while (s.startsWith("/")) s = s.substring(1);
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    return s.equals(".") ? "" : s;
  }

  private void write(ImageUpdateAutomation a, ImageUpdateAutomationStatus old, ImageUpdateAutomationStatus next) {
    if (Objects.equals(old.observedGeneration, next.observedGeneration) && Conditions.same(old.conditions, next.conditions)
        && Objects.equals(old.lastPushCommit, next.lastPushCommit)
        && Objects.equals(old.observedPolicies, next.observedPolicies)) {
      return; // the run time alone is not worth a write every interval
    }
    try {
      client.resources(ImageUpdateAutomation.class).inNamespace(a.getMetadata().getNamespace())
          .withName(a.getMetadata().getName()).editStatus(x -> {
            x.setStatus(next);
            return x;
          });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) throw e;
    }
  }
}
