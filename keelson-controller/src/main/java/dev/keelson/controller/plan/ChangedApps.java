package dev.keelson.controller.plan;

import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.ChartRenderer;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.engine.SourceLoader;
import dev.keelson.source.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Whether a change touches an app, by Git tree ids: the app's path at the base and at the planned
 * commit. No file is rendered to decide it.
 *
 * <p>An app may read files outside its path: a Kustomize overlay its bases, a chart value files
 * or {@code file://} dependencies elsewhere. Such an app is judged by the whole repository's tree
 * instead, so any change to the repository concerns it: more apps are planned than strictly
 * needed, never fewer. A kustomization counts as reading outside as soon as one kustomization file
 * under the path mentions {@code ..}.
 */
final class ChangedApps {
  private static final Set<String> KUSTOMIZATION_FILES =
      Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private final SourceLoader source;

  ChangedApps(SourceLoader source) {
    this.source = source;
  }

  /**
   * @param baseCommit the commit compared with
   * @param wholeRepository whether the app was judged by the whole repository's tree
   */
  record Verdict(boolean touched, String baseCommit, boolean wholeRepository) {}

  Verdict judge(AppSettings app, String commit, String baseCommit) throws ReconcileFailure {
    if (commit.equals(baseCommit)) return new Verdict(false, baseCommit, false);
    SourceTree tree;
    try {
      tree = source.read(app, commit, app.path());
    } catch (ReconcileFailure e) {
      return new Verdict(true, baseCommit, false); // the path is gone at the planned commit: that is a change
    }
    boolean wide = readsOutside(app, tree.files());
    String path = wide ? "" : app.path();
    String before;
    try {
      before = source.treeId(app, baseCommit, path);
    } catch (ReconcileFailure e) {
      return new Verdict(true, baseCommit, wide); // the path is new
    }
    return new Verdict(!before.equals(source.treeId(app, commit, path)), baseCommit, wide);
  }

  private static boolean readsOutside(AppSettings app, Map<String, byte[]> files) {
    if (ChartRenderer.isChart(files)) return ChartRenderer.readsOutside(app.helm(), files);
    return files.entrySet().stream()
        .filter(e -> KUSTOMIZATION_FILES.contains(fileName(e.getKey())))
        .anyMatch(e -> new String(e.getValue(), StandardCharsets.UTF_8).contains(".."));
  }

  private static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
