package dev.keelson.helm;

import dev.keelson.core.manifest.ManifestException;
import dev.keelson.core.manifest.ManifestParser;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Helm's output: documents separated by {@code ---}, each headed by {@code # Source:
 * CHART/templates/x.yaml}, which becomes the manifest's origin without the chart's name.
 */
final class HelmOutput {

  private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
  private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (.+)$");
  private static final ManifestParser PARSER = new ManifestParser();

  private HelmOutput() {}

  static List<Manifest> parse(String output, boolean skipTests) throws HelmRenderException {
    String text = output.replace(ChartRewriter.SENTINEL, ChartRewriter.HOOK_PREFIX);
    List<Manifest> out = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    for (String doc : SEPARATOR.split(text)) {
      if (doc.isBlank()) {
        continue;
      }
      Matcher m = SOURCE.matcher(doc);
      String origin = m.find() ? origin(m.group(1).strip()) : "helm-output";
      List<Manifest> parsed;
      try {
        parsed = PARSER.parse(origin, doc);
      } catch (ManifestException e) {
        throw new HelmRenderException(origin, e.getMessage(), e);
      }
      for (Manifest p : parsed) {
        int n = counts.merge(origin, 1, Integer::sum);
        Manifest manifest = new Manifest(p.key(), p.apiVersion(), p.body(), origin + "#" + n);
        if (!(skipTests && isTestHook(manifest))) {
          out.add(manifest);
        }
      }
    }
    return withoutDuplicates(out);
  }

  /** {@code demo/charts/db/templates/keelson-crds/x.yaml} -> {@code charts/db/crds/x.yaml}. */
  static String origin(String source) {
    int slash = source.indexOf('/');
    String path = slash < 0 ? source : source.substring(slash + 1);
    return path.replace("templates/" + ChartRewriter.CRD_TEMPLATES + "/", "crds/");
  }

  static boolean isTestHook(Manifest m) {
    if (!(m.body().get("metadata") instanceof Map<?, ?> meta)
        || !(meta.get("annotations") instanceof Map<?, ?> annotations)
        || !(annotations.get(ChartRewriter.HOOK_PREFIX) instanceof String hooks)) {
      return false;
    }
    for (String hook : hooks.split(",")) {
      String h = hook.strip();
      if (h.equals("test") || h.equals("test-success")) {
        return true;
      }
    }
    return false;
  }

  private static List<Manifest> withoutDuplicates(List<Manifest> manifests) throws HelmRenderException {
    Map<ResourceKey, Manifest> seen = new LinkedHashMap<>();
    for (Manifest m : manifests) {
      Manifest first = seen.putIfAbsent(m.key(), m);
      if (first != null) {
        String file = m.origin().substring(0, m.origin().lastIndexOf('#'));
        throw new HelmRenderException(file,
            "duplicate object " + m.key() + ": defined in " + first.origin() + " and " + m.origin());
      }
    }
    return manifests;
  }
}
