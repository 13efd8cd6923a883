package dev.keelson.controller.images;

import dev.keelson.api.images.v1alpha1.ImagePolicy;
import dev.keelson.api.images.v1alpha1.ImagePolicySpec;
import dev.keelson.api.images.v1alpha1.ImagePolicyStatus;
import dev.keelson.api.images.v1alpha1.ImageRepository;
import dev.keelson.automation.image.ImageName;
import dev.keelson.automation.policy.Order;
import dev.keelson.automation.policy.TagFilter;
import dev.keelson.automation.policy.TagPolicy;
import dev.keelson.automation.policy.TagSelector;
import dev.keelson.automation.registry.RegistryException;
import dev.keelson.automation.registry.ScannedTags;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Chooses each ImagePolicy's image from its repository's tags in the {@link TagStore}, asks the
 * registry for that tag's digest (once per choice, for {@code :digest} setters), and nudges the
 * namespace's automations when the choice changed. Reconciled when its repository's tags change.
 */
@ControllerConfiguration(name = "imagepolicy")
public final class ImagePolicyReconciler implements Reconciler<ImagePolicy> {
  /** A policy whose repository has not been scanned yet looks again this soon (and when nudged). */
  static final Duration WAITING = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final RegistryAccess registries;
  private final TagStore store;
  private final Clock clock;
  private final BiConsumer<String, String> choiceChanged;
  final Nudge<ImagePolicy> nudge = new Nudge<>("image-tags");

  ImagePolicyReconciler(KubernetesClient client, RegistryAccess registries, TagStore store, Clock clock,
      BiConsumer<String, String> choiceChanged) {
    this.client = client;
    this.registries = registries;
    this.store = store;
    this.clock = clock;
    this.choiceChanged = choiceChanged;
  }

  @Override
  public List<EventSource<?, ImagePolicy>> prepareEventSources(EventSourceContext<ImagePolicy> context) {
    return List.of(nudge);
  }

  /** The selector an ImagePolicy spec describes. */
  static TagSelector selector(ImagePolicySpec spec) {
    ImagePolicySpec.Choice p = spec.policy;
    if (p == null) throw new IllegalArgumentException("spec.policy is required: semver, alphabetical or numerical");
    int given = (p.semver != null ? 1 : 0) + (p.alphabetical != null ? 1 : 0) + (p.numerical != null ? 1 : 0);
    if (given != 1) throw new IllegalArgumentException("spec.policy must have exactly one of semver, alphabetical, numerical");
    TagPolicy policy = p.semver != null ? TagPolicy.SemverRange.of(p.semver.range)
        : p.alphabetical != null ? new TagPolicy.Alphabetical(Order.parse(p.alphabetical.order, "policy.alphabetical"))
        : new TagPolicy.Numerical(Order.parse(p.numerical.order, "policy.numerical"));
    TagFilter filter = spec.filterTags == null ? TagFilter.ALL : TagFilter.of(spec.filterTags.pattern, spec.filterTags.extract);
    return new TagSelector(filter, policy);
  }

  @Override
  public UpdateControl<ImagePolicy> reconcile(ImagePolicy policy, Context<ImagePolicy> context) {
    String ns = policy.getMetadata().getNamespace();
    ImagePolicyStatus old = policy.getStatus() == null ? new ImagePolicyStatus() : policy.getStatus();
    ImagePolicyStatus next = new ImagePolicyStatus();
    next.observedGeneration = policy.getMetadata().getGeneration();
    next.latestRef = old.latestRef;
    next.latestImage = old.latestImage;
    next.observedPreviousRef = old.observedPreviousRef;
    Duration recheck = null;
    try {
      TagSelector selector = selector(policy.getSpec());
      var ref = policy.getSpec().imageRepositoryRef;
      if (ref == null || ref.name == null) throw new IllegalArgumentException("spec.imageRepositoryRef.name is required");
      String repoNs = ref.namespace == null || ref.namespace.isBlank() ? ns : ref.namespace;
      ImageRepository repo = client.resources(ImageRepository.class).inNamespace(repoNs).withName(ref.name).get();
      Optional<ScannedTags> tags = repo == null ? Optional.empty() : store.get(repoNs, ref.name, null);
      if (repo == null || tags.isEmpty()) {
        next.conditions.add(Conditions.ready(old.conditions, false, "DependencyNotReady", repo == null
            ? "ImageRepository " + repoNs + "/" + ref.name + " not found"
            : "ImageRepository " + repoNs + "/" + ref.name + " has not been scanned yet", next.observedGeneration, clock));
        recheck = WAITING;
      } else {
        ImageName image = ImageName.parse(repo.getSpec().image);
        Optional<TagSelector.Choice> choice = selector.latest(tags.get().tags());
        if (choice.isEmpty()) {
          next.conditions.add(Conditions.ready(old.conditions, false, "NoMatch", "none of the " + tags.get().count()
              + " tags of " + image + " matches the policy", next.observedGeneration, clock));
        } else {
          String tag = choice.get().tag();
          boolean moved = old.latestRef == null || !tag.equals(old.latestRef.tag) || !image.written().equals(old.latestRef.name);
          ImagePolicyStatus.ImageRef latest = new ImagePolicyStatus.ImageRef();
          latest.name = image.written();
          latest.tag = tag;
          latest.digest = moved ? digest(repoNs, repo, image, tag) : old.latestRef.digest;
          next.latestRef = latest;
          next.latestImage = latest.name + ":" + tag;
          if (moved && old.latestRef != null) next.observedPreviousRef = old.latestRef;
          next.conditions.add(Conditions.ready(old.conditions, true, "Succeeded", "Latest image tag for " + image
              + " resolved to " + tag + " (of " + choice.get().candidates() + " candidates)", next.observedGeneration, clock));
        }
      }
    } catch (IllegalArgumentException e) {
      next.conditions.add(Conditions.ready(old.conditions, false, "InvalidPolicy", e.getMessage(), next.observedGeneration, clock));
    }
    boolean choiceMoved = !Objects.equals(old.latestImage, next.latestImage)
        || old.latestRef != null && next.latestRef != null && !Objects.equals(old.latestRef.digest, next.latestRef.digest);
    write(policy, old, next);
    if (choiceMoved) choiceChanged.accept(ns, policy.getMetadata().getName());
    return recheck == null ? UpdateControl.noUpdate() : UpdateControl.<ImagePolicy>noUpdate().rescheduleAfter(recheck);
  }

  /** The digest of the chosen tag; none when the registry does not say (the tag is still chosen). */
  private String digest(String ns, ImageRepository repo, ImageName image, String tag) {
    try {
      var access = registries.of(ns, repo.getSpec(), image, ImageRepositoryReconciler.DEFAULT_TIMEOUT);
      return access.client().digest(image, access.credentials(), tag).orElse(null);
    } catch (RegistryException | IllegalArgumentException e) {
      return null;
    }
  }

  private void write(ImagePolicy p, ImagePolicyStatus old, ImagePolicyStatus next) {
    if (Objects.equals(old.observedGeneration, next.observedGeneration) && Conditions.same(old.conditions, next.conditions)
        && Objects.equals(old.latestImage, next.latestImage)
        && Objects.equals(old.latestRef == null ? null : old.latestRef.digest, next.latestRef == null ? null : next.latestRef.digest)) {
      return;
    }
    try {
      client.resources(ImagePolicy.class).inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName())
          .editStatus(x -> {
            x.setStatus(next);
            return x;
          });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) throw e;
    }
  }
}
