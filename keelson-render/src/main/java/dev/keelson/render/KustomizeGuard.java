package dev.keelson.render;

import dev.keelson.core.model.RepoPath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Checks the kustomizations an application's build reaches before kustomize runs: its root
 * kustomization and, transitively, those of the directories it names in {@code resources},
 * {@code bases} and {@code components}. Kustomizations elsewhere in the repository (a plugin's
 * test data, a generator's input, another tool's overlay) are not this build's business: a broken
 * one must not stall every application of the repository. A revision must render from the
 * commit alone: a remote base would make the result depend on another repository's moving state
 * (and let a repository make the controller fetch arbitrary URLs), and a path leaving the tree
 * would read whatever lies around the temporary directory.
 *
 * <p>Entries of {@code resources}/{@code bases}/{@code components} must also exist in the tree:
 * kustomize treats a reference it cannot find locally as a remote repository and tries to clone
 * it, whatever it looks like.
 */
final class KustomizeGuard {

  static final List<String> FILE_NAMES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  /** Fields whose entries are kustomization roots or resource files. */
  private static final List<String> BASE_FIELDS = List.of("resources", "bases", "components");

  /** Fields whose string entries are file (or directory) paths. */
  private static final List<String> PATH_LIST_FIELDS =
      List.of("crds", "configurations", "transformers", "generators", "validators",
          "patchesStrategicMerge");

  /** Fields whose entries are objects with a {@code path}. */
  private static final List<String> PATCH_FIELDS = List.of("patches", "patchesJson6902", "replacements");

  private KustomizeGuard() {}

  static boolean isKustomizationFile(String path) {
    return FILE_NAMES.contains(path.substring(path.lastIndexOf('/') + 1));
  }

  /** The kustomization file at the root of the tree, or null if the tree is a plain directory. */
  static String rootKustomization(RenderTree tree) {
    return rootKustomization(tree, "");
  }

  /** The kustomization file directly in {@code dir} ("" for the root), or null. */
  static String rootKustomization(RenderTree tree, String dir) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    return FILE_NAMES.stream().map(n -> prefix + n).filter(tree::isFile).findFirst().orElse(null);
  }

  /** @param root the application's root kustomization file */
  static void check(RenderTree tree, String root) throws RenderException {
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      String file = pending.removeFirst();
      if (!seen.add(file)) {
        continue;
      }
      for (String dir : new FileCheck(tree, file).run()) {
        String next = rootKustomization(tree, dir);
        // A directory without a kustomization is kustomize's to report.
        if (next != null) {
          pending.addLast(next);
        }
      }
    }
  }

  /** Whether a reference points at another repository or server rather than a local path. */
  static boolean isRemote(String ref) {
    String r = ref.strip();
    return r.contains("://")
        || r.startsWith("github.com/")
        || r.startsWith("gitlab.com/")
        || r.startsWith("bitbucket.org/")
        || r.startsWith("git@")
        || r.startsWith("git::")
        || r.startsWith("ssh:")
        || r.startsWith("https:")
        || r.startsWith("http:")
        || r.contains("?ref=")
        || r.contains(".git//");
  }

  /** Checks of one kustomization file. */
  private static final class FileCheck {
    private final RenderTree tree;
    private final String file;
    private final String dir;

    FileCheck(RenderTree tree, String file) {
      this.tree = tree;
      this.file = file;
      int slash = file.lastIndexOf('/');
      this.dir = slash < 0 ? "" : file.substring(0, slash);
    }

    /** @return the tree-relative directories this kustomization uses as bases or components */
    List<String> run() throws RenderException {
      Map<?, ?> k = load();
      List<String> directories = new ArrayList<>();
      for (String field : BASE_FIELDS) {
        for (Object entry : list(k.get(field))) {
          if (entry instanceof String ref) {
            String local = checkBase(ref);
            if (tree.isDirectory(local)) {
              directories.add(local);
            }
          }
        }
      }
      for (String field : PATH_LIST_FIELDS) {
        for (Object entry : list(k.get(field))) {
          if (entry instanceof String ref && !ref.contains("\n")) {
            checkPath(field, ref);
          }
        }
      }
      for (String field : PATCH_FIELDS) {
        for (Object entry : list(k.get(field))) {
          if (entry instanceof Map<?, ?> patch && patch.get("path") instanceof String ref) {
            checkPath(field, ref);
          }
        }
      }
      for (String field : List.of("configMapGenerator", "secretGenerator")) {
        for (Object entry : list(k.get(field))) {
          if (entry instanceof Map<?, ?> generator) {
            checkGenerator(field, generator);
          }
        }
      }
      for (Object entry : list(k.get("helmCharts"))) {
        if (entry instanceof Map<?, ?> chart
            && chart.get("repo") instanceof String repo
            && !repo.isBlank()) {
          throw refuse("remote Helm chart repository '" + repo + "' is not allowed");
        }
      }
      if (k.get("helmGlobals") instanceof Map<?, ?> globals
          && globals.get("chartHome") instanceof String chartHome) {
        checkPath("helmGlobals.chartHome", chartHome);
      }
      if (k.get("openapi") instanceof Map<?, ?> openapi && openapi.get("path") instanceof String p) {
        checkPath("openapi.path", p);
      }
      return directories;
    }

    private Map<?, ?> load() throws RenderException {
      Object parsed;
      try {
        LoaderOptions options = new LoaderOptions();
        // kustomize rejects duplicate keys; accepting them here could hide an entry from the check.
        options.setAllowDuplicateKeys(false);
        parsed = new Yaml(new SafeConstructor(options)).load(tree.text(file));
      } catch (YAMLException e) {
        throw refuse("invalid kustomization: " + e.getMessage().strip().replaceAll("\\s*\\n\\s*", " "));
      }
      if (parsed == null) {
        return Map.of();
      }
      if (!(parsed instanceof Map<?, ?> map)) {
        throw refuse("invalid kustomization: expected a mapping");
      }
      return map;
    }

    /** @return the tree-relative path of the base */
    private String checkBase(String ref) throws RenderException {
      if (isRemote(ref)) {
        throw refuse("remote base '" + ref + "' is not allowed");
      }
      String local = resolve(ref);
      if (!tree.isFile(local) && !tree.isDirectory(local)) {
        throw refuse(
            "resource '" + ref + "' does not exist in the repository"
                + " (kustomize would try to fetch it as a remote repository)");
      }
      return local;
    }

    private void checkGenerator(String field, Map<?, ?> generator) throws RenderException {
      for (Object f : list(generator.get("files"))) {
        if (f instanceof String spec) {
          // "key=path" or just "path"
          checkPath(field, spec.substring(spec.indexOf('=') + 1));
        }
      }
      for (Object env : list(generator.get("envs"))) {
        if (env instanceof String p) {
          checkPath(field, p);
        }
      }
      if (generator.get("env") instanceof String p) {
        checkPath(field, p);
      }
    }

    private void checkPath(String field, String ref) throws RenderException {
      if (isRemote(ref)) {
        throw refuse("remote reference '" + ref + "' in " + field + " is not allowed");
      }
      resolve(ref);
    }

    /** The tree-relative path of a reference, refusing references that leave the tree. */
    private String resolve(String ref) throws RenderException {
      String r = ref.strip();
      if (r.startsWith("/") || r.startsWith("~")) {
        throw refuse("absolute path '" + ref + "' is not allowed");
      }
      return RepoPath.resolve(dir, r).orElseThrow(() -> refuse("path '" + ref + "' escapes the repository"));
    }

    private RenderException refuse(String problem) {
      return new RenderException(file, file + ": " + problem);
    }

    private static List<?> list(Object value) {
      return value instanceof List<?> l ? l : List.of();
    }
  }
}
