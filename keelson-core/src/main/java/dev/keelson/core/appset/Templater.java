package dev.keelson.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders every string of a JSON tree with one parameter set, as Argo CD renders a template:
 * each string on its own (object keys are kept as written).
 */
public final class Templater {
  /** Argo CD's fasttemplate tags: {{name}}, spaces inside allowed. */
  private static final Pattern FAST_TAG = Pattern.compile("\\{\\{\\s*([^{}\\s]+)\\s*}}");

  private final Templating templating;

  public Templater(Templating templating) {
    this.templating = templating;
  }

  public Templating templating() {
    return templating;
  }

  /** A copy of {@code tree} with its strings rendered. @throws TemplateException */
  public JsonNode render(JsonNode tree, Params params) {
    JsonNode copy = tree.deepCopy();
    return walk(copy, params);
  }

  private JsonNode walk(JsonNode n, Params params) {
    if (n.isTextual()) return TextNode.valueOf(string(n.asText(), params));
    if (n instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        e.setValue(walk(e.getValue(), params));
      }
    } else if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) a.set(i, walk(a.get(i), params));
    }
    return n;
  }

  /** @throws TemplateException */
  public String string(String text, Params params) {
    if (!text.contains("{{")) return text;
    if (templating.isGo()) return GoTemplate.parse(text, templating.goTemplateOptions()).render(params.values());
    Map<String, String> flat = params.flat();
    Matcher m = FAST_TAG.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = flat.get(m.group(1));
      // an unknown parameter is left as written, as Argo CD's fasttemplate mode does
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
