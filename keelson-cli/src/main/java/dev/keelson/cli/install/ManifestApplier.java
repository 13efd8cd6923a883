package dev.keelson.cli.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Applies the install's objects by server-side apply, for real or as a server-side dry run. */
public final class ManifestApplier {
  public enum Mode { APPLY, DRY_RUN }

  private final KubernetesClient client;
  private final Mode mode;
  private final PrintStream out;

  public ManifestApplier(KubernetesClient client, Mode mode, PrintStream out) {
    this.client = client;
    this.mode = mode;
    this.out = out;
  }

  public void apply(List<HasMetadata> objects) {
    String namespace = objects.stream().filter(o -> "Namespace".equals(o.getKind()))
        .map(o -> o.getMetadata().getName()).findFirst().orElse(null);
    // a dry run creates no Namespace, and the API server refuses even a dry run into a missing
    // one: the namespaced objects are then checked in "default", where the answer is the same
    boolean absent = mode == Mode.DRY_RUN && namespace != null && client.namespaces().withName(namespace).get() == null;
    for (HasMetadata o : objects) {
      HasMetadata target = o;
      String note = "";
      if (absent && namespace.equals(o.getMetadata().getNamespace())) {
        target = client.getKubernetesSerialization().clone(o);
        target.getMetadata().setNamespace("default");
        note = " (namespace " + namespace + " does not exist yet: checked in default)";
      }
      var resource = client.resource(target);
      if (mode == Mode.DRY_RUN) {
        resource.dryRun().fieldManager("keelson").forceConflicts().serverSideApply();
      } else {
        resource.fieldManager("keelson").forceConflicts().serverSideApply();
      }
      out.println(o.getKind().toLowerCase(Locale.ROOT) + "/" + o.getMetadata().getName()
          + (o.getMetadata().getNamespace() == null ? "" : " -n " + o.getMetadata().getNamespace())
          + (mode == Mode.DRY_RUN ? " valid (server dry run)" : " applied") + note);
    }
    if (mode == Mode.APPLY) {
      objects.stream().filter(CustomResourceDefinition.class::isInstance).forEach(crd ->
          client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
              .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                  && c.getStatus().getConditions().stream()
                      .anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus())),
                  60, java.util.concurrent.TimeUnit.SECONDS));
    }
  }
}
