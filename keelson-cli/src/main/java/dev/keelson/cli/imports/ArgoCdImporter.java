package dev.keelson.cli.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Argo CD's Application, AppProject, ApplicationSet and cluster Secrets as Keelson objects, with
 * copies of the repository Secrets the Applications need. Other objects of the input are reported
 * and left out.
 */
public final class ArgoCdImporter implements Importer {
  static final String GROUP = "argoproj.io";
  /** Argo CD's own namespace, where its Applications usually live. */
  static final String ARGOCD_NAMESPACE = "argocd";

  @Override
  public ImportResult convert(List<Map<String, Object>> objects, ImportOptions options) {
    ImportReport report = new ImportReport();
    List<Map<String, Object>> out = new ArrayList<>();
    ArgoRepoCredentials credentials = new ArgoRepoCredentials(report);
    for (Map<String, Object> object : objects) {
      if (ArgoRepoCredentials.isCredentialSecret(object)) credentials.add(object, Fields.root(object, report));
    }
    for (Map<String, Object> object : objects) {
      if (ArgoRepoCredentials.isCredentialSecret(object)) continue;
      Fields root = Fields.root(object, report);
      String apiVersion = String.valueOf(object.get("apiVersion"));
      String kind = String.valueOf(object.get("kind"));
      Map<String, Object> converted = null;
      if (apiVersion.startsWith(GROUP + "/")) {
        converted = switch (kind) {
          case "Application" -> ArgoApplications.convert(root, options);
          case "AppProject" -> ArgoAppProjects.convert(root, options);
          case "ApplicationSet" -> ArgoAppSets.convert(root, options);
          default -> {
            root.warnHere("Keelson has no " + kind + "; left out");
            yield null;
          }
        };
      } else if ("v1".equals(apiVersion) && "Secret".equals(kind)) {
        converted = ArgoClusterSecrets.convert(root, options);
      } else {
        root.warnHere("not an Argo CD object; left out");
      }
      if (converted != null) {
        root.finish();
        credentials.attachTo(converted, out);
        out.add(converted);
      }
    }
    credentials.reportUnused();
    return new ImportResult(out, report.warnings());
  }

  /**
   * The namespace a converted Application, AppProject or ApplicationSet goes to. Argo CD keeps
   * them in its own namespace; Keelson reads them in any, so the import keeps theirs unless told
   * otherwise, and says so.
   */
  static String namespace(Fields root, ImportOptions options) {
    String ns = Metadata.namespace(root, options);
    if (options.namespace() == null && ARGOCD_NAMESPACE.equals(ns)) {
      root.warn("metadata.namespace", "kept in " + ARGOCD_NAMESPACE + "; Keelson reads "
          + root.object().kind() + "s in any namespace (--namespace NS chooses another)");
    }
    return ns;
  }
}
