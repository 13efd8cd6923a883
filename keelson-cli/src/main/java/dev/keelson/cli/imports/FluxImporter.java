package dev.keelson.cli.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flux's GitRepository + Kustomization and HelmRepository (or GitRepository) + HelmRelease as
 * Keelson Applications. Sources are read first, wherever they stand in the input.
 */
public final class FluxImporter implements Importer {

  @Override
  public ImportResult convert(List<Map<String, Object>> objects, ImportOptions options) {
    ImportReport report = new ImportReport();
    FluxSources sources = new FluxSources(report);
    for (Map<String, Object> object : objects) {
      if (group(object).equals(FluxSources.GROUP)) sources.add(Fields.root(object, report));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, ObjectRef> converted = new HashMap<>();
    for (Map<String, Object> object : objects) {
      Fields root = Fields.root(object, report);
      String group = group(object);
      String kind = String.valueOf(object.get("kind"));
      Map<String, Object> app = null;
      if (group.equals(FluxSources.GROUP)) {
        continue;
      } else if (group.equals(FluxKustomizations.GROUP) && kind.equals("Kustomization")) {
        app = FluxKustomizations.convert(root, sources, options);
      } else if (group.equals(FluxHelmReleases.GROUP) && kind.equals("HelmRelease")) {
        app = FluxHelmReleases.convert(root, sources, options);
      } else {
        root.warnHere("not a Flux Kustomization, HelmRelease or source; left out");
      }
      if (app == null) continue;
      // A Kustomization and a HelmRelease may share a name; Applications may not.
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata = (Map<String, Object>) app.get("metadata");
      String key = metadata.get("namespace") + "/" + metadata.get("name");
      ObjectRef first = converted.putIfAbsent(key, root.object());
      if (first != null) {
        root.warnHere("has the name of " + first + ", already converted into the Application " + key
            + "; left out (rename one)");
        continue;
      }
      root.finish();
      out.add(app);
    }
    sources.reportUnused();
    return new ImportResult(out, report.warnings());
  }

  private static String group(Map<String, Object> object) {
    String apiVersion = String.valueOf(object.get("apiVersion"));
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
