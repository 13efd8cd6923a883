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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Steps 1 and 2 of the flow, source then render, with a per-app memo: when the Git tree under the
 * app's path and the settings are the same as last time, the previous result is reused, so a
 * commit elsewhere in the repository costs no rendering and changes nothing.
 */
public final class DesiredStateBuilder {
  private final SourceLoader source;
  private final Renderer renderer;
  private final ObjectPreparer preparer;
  private final Map<AppRef, Memo> memo = new ConcurrentHashMap<>();

  private record Memo(String treeId, AppSettings settings, DesiredState state) {}

  public DesiredStateBuilder(SourceLoader source, Renderer renderer, ObjectPreparer preparer) {
    this.source = source;
    this.renderer = renderer;
    this.preparer = preparer;
  }

  public DesiredState build(AppSettings app, boolean forceFetch) throws ReconcileFailure {
    SourceLoader.Loaded loaded = source.load(app, forceFetch);
    SourceTree tree = loaded.tree();
    // A Kustomize app may use bases outside its path: it renders from (and is keyed on) the
    // whole repository; a plain directory only from its path.
    SourceTree renderFrom = isKustomize(tree) ? source.repository(app, tree.commitSha()) : tree;
    String renderKey = renderFrom.treeId();
    Memo last = memo.get(app.ref());
    if (last != null && last.treeId().equals(renderKey) && last.settings().equals(app)) {
      DesiredState s = last.state();
      DesiredState current = new DesiredState(
          s.objects(), tree.commitSha(), loaded.ref(), tree.treeId(), s.digest(), s.engine());
      memo.put(app.ref(), new Memo(renderKey, app, current));
      return current;
    }
    RenderResult rendered;
    try {
      rendered = renderFrom == tree
          ? renderer.render(tree.files(), app.selection())
          : renderer.render(renderFrom.files(), app.path(), app.selection());
    } catch (RenderException e) {
      throw new ReconcileFailure(FailureReason.RenderFailed,
          "revision " + shortSha(tree.commitSha()) + ": " + e.getMessage());
    }
    List<Manifest> objects = preparer.prepare(app.ref(), app.destinationNamespace(), rendered.manifests());
    DesiredState state = new DesiredState(
        objects, tree.commitSha(), loaded.ref(), tree.treeId(), digest(objects), rendered.engine());
    memo.put(app.ref(), new Memo(renderKey, app, state));
    return state;
  }

  private static boolean isKustomize(SourceTree tree) {
    return tree.files().keySet().stream().anyMatch(KUSTOMIZATION_FILES::contains);
  }

  private static final java.util.Set<String> KUSTOMIZATION_FILES =
      java.util.Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private static String digest(List<Manifest> objects) {
    return Fingerprint.digest(objects.stream().map(Manifest::body).toList());
  }

  static String shortSha(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
