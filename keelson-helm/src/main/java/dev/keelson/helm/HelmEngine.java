package dev.keelson.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one place helm-java is called. Calls are serialised: the native library keeps process-wide
 * state (logging, registry and repository settings read from the environment), and a small chart
 * renders in milliseconds, so one at a time costs little.
 */
final class HelmEngine {

  private static final Object LOCK = new Object();

  private HelmEngine() {}

  /** Helm's output, or an {@link IllegalStateException} carrying Helm's error text. */
  static String template(Path chartDir, HelmOptions o, List<Path> valuesFiles, Map<String, String> sets,
      Map<String, Path> setFiles) {
    // Without a namespace Helm takes the one of the kubeconfig context, or of the pod it runs in:
    // the output must not depend on where the controller runs.
    TemplateCommand cmd = new Helm(chartDir).template().withName(o.releaseName())
        .withNamespace(o.namespace() == null ? "default" : o.namespace());
    if (o.kubeVersion() != null) {
      cmd.withKubeVersion(o.kubeVersion());
    }
    valuesFiles.forEach(cmd::withValuesFile);
    sets.forEach(cmd::set);
    setFiles.forEach(cmd::setFile);
    synchronized (LOCK) {
      try {
        return cmd.call();
      } finally {
        JvmSignals.restoreAfterFirstHelmCall();
      }
    }
  }
}
