package dev.keelson.render;

import dev.keelson.core.manifest.DirectorySelection;
import dev.keelson.core.manifest.ManifestException;
import dev.keelson.core.manifest.ManifestParser;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the files of one revision of an application's path into manifests.
 *
 * <p>A root {@code kustomization.yaml} (or {@code .yml}, or {@code Kustomization}) makes it a
 * Kustomize application: kustomize builds it from a private copy of the files, after every
 * kustomization the build reaches has been checked for remote bases and paths leaving the tree.
 * Otherwise it is a plain directory: every file chosen by the {@link DirectorySelection} is parsed,
 * in path order.
 *
 * <p>Rendering is all or nothing: the first broken file fails the whole revision, because
 * applying the part that did parse would prune everything defined in the broken file.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Renderer {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Duration timeout;
  private final List<String> kustomizeCommand;
  private final ManifestParser parser = new ManifestParser();

  public Renderer() {
    this(DEFAULT_TIMEOUT);
  }

  /** @param timeout how long one kustomize build may take before it is killed */
  public Renderer(Duration timeout) {
    this(timeout, null);
  }

  /** @param kustomizeCommand command to which the build directory is appended; null to detect */
  Renderer(Duration timeout, List<String> kustomizeCommand) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.kustomizeCommand = kustomizeCommand == null ? null : List.copyOf(kustomizeCommand);
  }

  /**
   * @param files the files under the application's path, keyed by {@code /}-separated relative
   *     path
   * @param selection which files a plain directory application reads (ignored for Kustomize);
   *     null for {@link DirectorySelection#defaults()}
   * @throws RenderException naming the file at fault; nothing of the revision may be applied
   */
  public RenderResult render(Map<String, byte[]> files, DirectorySelection selection)
      throws RenderException {
    return render(files, "", selection);
  }

  /**
   * Renders the application at {@code appPath} of a repository. A Kustomize overlay may use
   * bases anywhere in the repository (as with Argo CD and Flux), never outside it.
   *
   * @param repoFiles the repository's files, keyed by {@code /}-separated path from its root
   * @param appPath the application's directory ("" for the root)
   * @param selection which files a plain directory application reads, relative to {@code
   *     appPath} (ignored for Kustomize); null for {@link DirectorySelection#defaults()}
   * @throws RenderException naming the file at fault; nothing of the revision may be applied
   */
  public RenderResult render(Map<String, byte[]> repoFiles, String appPath, DirectorySelection selection)
      throws RenderException {
    RenderTree tree = new RenderTree(Objects.requireNonNull(repoFiles, "repoFiles"));
    String dir = appPath == null ? "" : appPath;
    String kustomization = KustomizeGuard.rootKustomization(tree, dir);
    if (kustomization != null) {
      KustomizeGuard.check(tree, kustomization);
      List<String> command =
          kustomizeCommand != null ? kustomizeCommand : Kustomize.detectCommand();
      List<Manifest> manifests = new Kustomize(command, timeout).build(tree, dir, kustomization);
      return new RenderResult(withoutDuplicates(manifests, kustomization), RenderResult.KUSTOMIZE);
    }
    DirectorySelection select = selection == null ? DirectorySelection.defaults() : selection;
    String prefix = dir.isEmpty() ? "" : dir + "/";
    List<Manifest> manifests = new ArrayList<>();
    for (String full : tree.paths()) {
      if (!full.startsWith(prefix)) {
        continue;
      }
      String path = full.substring(prefix.length());
      if (!select.selects(path)) {
        continue;
      }
      try {
        manifests.addAll(parser.parse(path, tree.text(full)));
      } catch (ManifestException e) {
        throw new RenderException(path, e.getMessage(), e);
      }
    }
    return new RenderResult(withoutDuplicates(manifests, null), RenderResult.DIRECTORY);
  }

  /**
   * Two objects with one identity would be applied over each other in an order nobody chose;
   * refuse instead, naming both places.
   *
   * @param kustomization the root kustomization when kustomize rendered, which is then the file at
   *     fault; null for a plain directory
   */
  private static List<Manifest> withoutDuplicates(List<Manifest> manifests, String kustomization)
      throws RenderException {
    Map<ResourceKey, Manifest> seen = new LinkedHashMap<>();
    for (Manifest m : manifests) {
      Manifest first = seen.putIfAbsent(m.key(), m);
      if (first != null) {
        throw new RenderException(
            kustomization != null ? kustomization : fileOf(m.origin()),
            "duplicate object " + m.key() + ": defined in " + first.origin() + " and " + m.origin());
      }
    }
    return manifests;
  }

  private static String fileOf(String origin) {
    int hash = origin.lastIndexOf('#');
    return hash < 0 ? origin : origin.substring(0, hash);
  }
}
