package dev.keelson.controller.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSet;
import dev.keelson.api.v1alpha1.ApplicationSpec;
import dev.keelson.controller.runtime.ApplicationReconciler;
import dev.keelson.core.appset.SetPlan;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Between rendered apps (JSON) and Application objects: the set's label, ownership and finalizer. */
final class GeneratedApps {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GeneratedApps() {}

  /**
   * The rendered app as the set owns it: in the set's namespace, labelled with the set and its
   * generator, with the resources finalizer unless resources are preserved.
   *
   * @throws IllegalArgumentException when the template puts it in another namespace
   */
  static SetPlan.Desired desired(ApplicationSet set, int generator, ObjectNode rendered,
      AppSetSettings.Preservation preservation) {
    ObjectNode meta = rendered.has("metadata") && rendered.get("metadata").isObject()
        ? (ObjectNode) rendered.get("metadata") : rendered.putObject("metadata");
    String ns = set.getMetadata().getNamespace();
    String given = meta.path("namespace").asText("");
    if (!given.isEmpty() && !given.equals(ns)) {
      throw new IllegalArgumentException("template.metadata.namespace " + given
          + ": generated Applications live in the set's namespace " + ns);
    }
    meta.put("namespace", ns);
    ObjectNode labels = meta.has("labels") ? (ObjectNode) meta.get("labels") : meta.putObject("labels");
    labels.put(AppSetLabels.SET, set.getMetadata().getName());
    ObjectNode annotations = meta.has("annotations") ? (ObjectNode) meta.get("annotations") : meta.putObject("annotations");
    annotations.put(AppSetLabels.GENERATOR, String.valueOf(generator));
    Set<String> finalizers = new LinkedHashSet<>();
    meta.path("finalizers").forEach(f -> finalizers.add(f.asText()));
    if (preservation == AppSetSettings.Preservation.PRESERVE_RESOURCES) {
      finalizers.remove(ApplicationReconciler.RESOURCES_FINALIZER);
    } else {
      finalizers.add(ApplicationReconciler.RESOURCES_FINALIZER);
    }
    ArrayNode f = meta.putArray("finalizers");
    finalizers.forEach(f::add);
    ObjectNode app = JSON.createObjectNode();
    app.set("metadata", meta);
    String name = meta.path("name").asText();
    // through the typed spec and back, so that it compares equal to a live app's spec, and a
    // spec the Application type cannot hold fails here, as this generator's error
    app.set("spec", JSON.valueToTree(spec(name, rendered.path("spec"))));
    return new SetPlan.Desired(name, generator, app);
  }

  static SetPlan.Live live(Application app) {
    ObjectNode n = JSON.createObjectNode();
    ObjectNode meta = n.putObject("metadata");
    ObjectMeta m = app.getMetadata();
    meta.put("name", m.getName());
    meta.put("namespace", m.getNamespace());
    meta.set("labels", JSON.valueToTree(m.getLabels() == null ? Map.of() : m.getLabels()));
    meta.set("annotations", JSON.valueToTree(m.getAnnotations() == null ? Map.of() : m.getAnnotations()));
    meta.set("finalizers", JSON.valueToTree(m.getFinalizers() == null ? List.of() : m.getFinalizers()));
    n.set("spec", JSON.valueToTree(app.getSpec()));
    int generator = -1;
    String g = m.getAnnotations() == null ? null : m.getAnnotations().get(AppSetLabels.GENERATOR);
    if (g != null) {
      try {
        generator = Integer.parseInt(g);
      } catch (NumberFormatException e) {
        generator = -1;
      }
    }
    return new SetPlan.Live(m.getName(), generator, n);
  }

  /** A new Application for the desired app, owned by the set (deleting the set deletes it). */
  static Application toNew(ApplicationSet set, SetPlan.Desired d) {
    Application app = new Application();
    ObjectMeta meta = new ObjectMeta();
    JsonNode m = d.app().path("metadata");
    meta.setName(d.name());
    meta.setNamespace(set.getMetadata().getNamespace());
    meta.setLabels(strings(m.path("labels")));
    meta.setAnnotations(strings(m.path("annotations")));
    meta.setFinalizers(list(m.path("finalizers")));
    meta.setOwnerReferences(List.of(new OwnerReferenceBuilder()
        .withApiVersion(set.getApiVersion()).withKind(set.getKind())
        .withName(set.getMetadata().getName()).withUid(set.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build()));
    app.setMetadata(meta);
    app.setSpec(spec(d));
    return app;
  }

  /** Writes the desired app onto the live one; labels and annotations others added stay. */
  static Application update(Application live, SetPlan.Desired d) {
    JsonNode m = d.app().path("metadata");
    if (live.getMetadata().getLabels() == null) live.getMetadata().setLabels(new HashMap<>());
    live.getMetadata().getLabels().putAll(strings(m.path("labels")));
    if (live.getMetadata().getAnnotations() == null) live.getMetadata().setAnnotations(new HashMap<>());
    live.getMetadata().getAnnotations().putAll(strings(m.path("annotations")));
    live.getMetadata().setFinalizers(list(m.path("finalizers")));
    live.setSpec(spec(d));
    return live;
  }

  static boolean ownedBy(Application app, ApplicationSet set) {
    var refs = app.getMetadata().getOwnerReferences();
    return refs != null && refs.stream().anyMatch(r -> set.getMetadata().getUid().equals(r.getUid()));
  }

  private static ApplicationSpec spec(SetPlan.Desired d) {
    return spec(d.name(), d.app().path("spec"));
  }

  private static ApplicationSpec spec(String name, JsonNode spec) {
    try {
      return JSON.treeToValue(spec, ApplicationSpec.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the rendered spec of " + name + " is not an Application spec: "
          + e.getOriginalMessage());
    }
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> out = new HashMap<>();
    n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static List<String> list(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }
}
