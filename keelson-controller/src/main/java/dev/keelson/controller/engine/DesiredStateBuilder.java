package dev.keelson.controller.engine;

import dev.keelson.controller.app.AppSettings;
import dev.keelson.core.diff.Fingerprint;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.render.RenderException;
import dev.keelson.render.RenderResult;
import dev.keelson.render.Renderer;
import dev.keelson.source.SourceTree;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Steps 1 and 2 of the flow, source then render (and post-build substitution), with a per-app
 * memo: when the Git tree under the app's path, the settings and the substituted variables are
 * the same as last time, the previous result is reused, so a commit elsewhere in the repository
 * costs no rendering and changes nothing.
 */
public final class DesiredStateBuilder {
  private final SourceLoader source;
  private final Renderer renderer;
  private final Substituter substituter;
  private final ObjectPreparer preparer;
  private final Map<AppRef, Memo> memo = new ConcurrentHashMap<>();

  /**
   * @param renderKey tree id the result was rendered from: the app's path, or the whole
   *     repository for a Kustomize app (whose bases may live anywhere in it)
   * @param variables digest of the substituted variables ("" without postBuild): they live in
   *     ConfigMaps and Secrets, which change without a commit
   */
  private record Memo(String renderKey, boolean kustomize, AppSettings.SourceSettings source, String variables,
      DesiredState state) {}

  public DesiredStateBuilder(SourceLoader source, Renderer renderer, Substituter substituter, ObjectPreparer preparer) {
    this.source = source;
    this.renderer = renderer;
    this.substituter = substituter;
    this.preparer = preparer;
  }

  public DesiredState build(AppSettings app, boolean forceFetch) throws ReconcileFailure {
    SourceLoader.Resolved at = source.resolve(app, forceFetch);
    Optional<Substituter.Variables> variables = substituter.resolve(app.ref().namespace(), app.postBuild());
    String variablesDigest = variables.map(Substituter.Variables::digest).orElse("");
    Memo last = memo.get(app.ref());
    if (last != null && last.source().equals(app.source()) && last.variables().equals(variablesDigest)) {
      String key = last.kustomize() ? source.treeId(app, at.commitSha(), "") : at.pathTreeId();
      if (key.equals(last.renderKey())) {
        DesiredState s = last.state();
        DesiredState current = new DesiredState(
            s.objects(), at.commitSha(), at.ref(), at.pathTreeId(), s.digest(), s.engine());
        memo.put(app.ref(), new Memo(key, last.kustomize(), app.source(), variablesDigest, current));
        return current;
      }
    }
    SourceTree tree = source.read(app, at.commitSha(), app.path());
    boolean kustomize = isKustomize(tree);
    SourceTree renderFrom = kustomize ? source.read(app, at.commitSha(), "") : tree;
    RenderResult rendered;
    try {
      rendered = kustomize
          ? renderer.render(renderFrom.files(), app.path(), app.selection())
          : renderer.render(tree.files(), app.selection());
    } catch (RenderException e) {
      throw new ReconcileFailure(FailureReason.RenderFailed,
          "revision " + shortSha(at.commitSha()) + ": " + e.getMessage());
    }
    List<Manifest> manifests = variables.isPresent()
        ? substituter.apply(variables.get(), rendered.manifests(), at.commitSha())
        : rendered.manifests();
    List<Manifest> objects = preparer.prepare(app.ref(), app.destinationNamespace(), manifests);
    DesiredState state = new DesiredState(
        objects, at.commitSha(), at.ref(), at.pathTreeId(), digest(objects), rendered.engine());
    memo.put(app.ref(), new Memo(renderFrom.treeId(), kustomize, app.source(), variablesDigest, state));
    return state;
  }

  /** Forgets the app (deleted): its memo would otherwise stay for the life of the process. */
  public void forget(AppRef app) {
    memo.remove(app);
  }

  private static boolean isKustomize(SourceTree tree) {
    return tree.files().keySet().stream().anyMatch(KUSTOMIZATION_FILES::contains);
  }

  private static final Set<String> KUSTOMIZATION_FILES =
      Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private static String digest(List<Manifest> objects) {
    return Fingerprint.digest(objects.stream().map(Manifest::body).toList());
  }

  static String shortSha(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
