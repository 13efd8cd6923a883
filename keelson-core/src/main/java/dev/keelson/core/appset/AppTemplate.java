package dev.keelson.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A set's template ({@code {metadata, spec}}) and templatePatch, rendered for one parameter set.
 * The patch is rendered as a whole, read as YAML and merged into the rendered template (JSON
 * merge patch: objects merge, anything else replaces, null removes), which is how non-string
 * fields get parameters.
 */
public final class AppTemplate {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private final JsonNode template;
  private final String patch;
  private final Templater templater;

  /** @throws IllegalArgumentException when a templatePatch is given without goTemplate, as in Argo CD */
  public AppTemplate(JsonNode template, String templatePatch, Templater templater) {
    this.template = template;
    this.patch = templatePatch == null || templatePatch.isBlank() ? null : templatePatch;
    this.templater = templater;
    if (patch != null && !templater.templating().isGo()) {
      throw new IllegalArgumentException("templatePatch needs goTemplate: true");
    }
  }

  /** The Application's metadata and spec. @throws TemplateException @throws IllegalArgumentException */
  public ObjectNode render(Params params) {
    ObjectNode app = (ObjectNode) templater.render(template, params);
    if (patch != null) {
      JsonNode p;
      try {
        p = YAML.readTree(templater.string(patch, params));
      } catch (IOException e) {
        throw new IllegalArgumentException("templatePatch did not render to YAML: " + e.getMessage());
      }
      if (p != null && !p.isMissingNode() && !p.isNull()) {
        if (!p.isObject()) throw new IllegalArgumentException("templatePatch did not render to a YAML object");
        mergePatch(app, (ObjectNode) p);
      }
    }
    String name = app.path("metadata").path("name").asText("");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("rendered name \"" + name + "\" is not a valid Application name");
    }
    return app;
  }

  static void mergePatch(ObjectNode target, ObjectNode patch) {
    Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        target.remove(e.getKey());
      } else if (v.isObject() && target.get(e.getKey()) instanceof ObjectNode t) {
        mergePatch(t, (ObjectNode) v);
      } else {
        target.set(e.getKey(), v.deepCopy());
      }
    }
  }
}
