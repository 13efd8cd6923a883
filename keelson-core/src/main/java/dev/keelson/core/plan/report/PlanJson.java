package dev.keelson.core.plan.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The plan as JSON for other tools; the field names are part of the interface (docs/plan.md). */
public final class PlanJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanJson() {}

  public static String render(ChangePlan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("repository", plan.repository());
    root.put("revision", plan.revision());
    root.put("commit", plan.commit());
    root.put("base", plan.base());
    root.put("changes", plan.changes());
    root.put("failed", plan.failed());
    ArrayNode apps = root.putArray("apps");
    for (AppPlan a : plan.apps()) apps.add(app(a));
    return root.toPrettyString() + "\n";
  }

  private static ObjectNode app(AppPlan a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("namespace", a.namespace());
    n.put("name", a.name());
    n.put("cluster", a.cluster());
    n.put("path", a.path());
    n.put("commit", a.commit());
    n.put("error", a.error());
    ArrayNode changes = n.putArray("changes");
    for (ObjectChange c : a.changes()) {
      ObjectNode o = key(c.action(), c.key());
      if (c instanceof ObjectChange.Create x) o.put("diff", x.diff());
      if (c instanceof ObjectChange.Update x) o.put("diff", x.diff());
      if (c instanceof ObjectChange.Delete x) {
        o.put("wave", x.wave());
        o.put("prune", x.mode().name());
        o.put("diff", x.diff());
      }
      if (c instanceof ObjectChange.Recreate x) {
        o.put("reason", x.reason());
        o.put("remedy", x.remedy().name());
      }
      if (c instanceof ObjectChange.Rejected x) o.put("reason", x.reason());
      if (c instanceof ObjectChange.Shared x) {
        o.put("owner", x.owner());
        o.put("failsSync", x.failsSync());
      }
      changes.add(o);
    }
    ArrayNode hooks = n.putArray("hooks");
    for (PlannedHook h : a.hooks()) {
      ObjectNode o = key(null, h.key());
      o.put("phase", h.phase().name());
      o.put("wave", h.wave());
      ArrayNode p = o.putArray("deletePolicies");
      h.deletePolicies().stream().map(Enum::name).sorted().forEach(p::add);
      hooks.add(o);
    }
    ArrayNode holds = n.putArray("holds");
    for (Hold h : a.holds()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("reason", h.reason().name());
      o.put("message", h.message());
      holds.add(o);
    }
    ArrayNode warnings = n.putArray("warnings");
    a.warnings().forEach(warnings::add);
    return n;
  }

  private static ObjectNode key(String action, dev.keelson.core.model.ResourceKey k) {
    ObjectNode o = JSON.createObjectNode();
    if (action != null) o.put("action", action);
    o.put("group", k.group());
    o.put("kind", k.kind());
    o.put("namespace", k.namespace());
    o.put("name", k.name());
    return o;
  }
}
