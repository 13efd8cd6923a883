package dev.keelson.cli;

import dev.keelson.controller.engine.AppDiffer;
import dev.keelson.core.drift.Classification;
import dev.keelson.core.drift.FieldDrift;
import dev.keelson.core.drift.ObjectDrift;
import dev.keelson.core.model.ResourceKey;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `keelson app diff --explain`: per differing field, its values and who changed it, as text or data. */
final class DriftOutput {
  private DriftOutput() {}

  static void text(PrintStream out, AppDiffer.Report report) {
    for (AppDiffer.ObjectDiff d : report.diffs()) {
      out.println(title(d.key()));
      if (d.drift() == null) {
        out.println("  " + (d.change() == AppDiffer.Change.PRUNE
            ? "would be pruned (no longer in Git)" : "would be created (not in the cluster)"));
        continue;
      }
      for (FieldDrift f : d.drift().fields()) {
        out.println("  " + f.path());
        out.println("    live:     " + show(f.live()));
        out.println("    desired:  " + show(f.desired()));
        out.println("    changed:  " + (f.manager().isEmpty() ? "by no field manager" : "by " + f.manager()
            + (f.operation().isEmpty() ? "" : " (" + f.operation() + ")") + (f.time().isEmpty() ? "" : " at " + f.time()))
            + ": " + describe(f.classification()));
      }
      String rule = d.drift().ignoreRule();
      if (!rule.isEmpty()) {
        out.println("  to leave the controller's fields to it, add to the Application's spec:");
        rule.lines().forEach(l -> out.println("    " + l));
      }
    }
  }

  static void data(PrintStream out, String format, AppDiffer.Report report) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (AppDiffer.ObjectDiff d : report.diffs()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("group", d.key().group());
      o.put("kind", d.key().kind());
      o.put("namespace", d.key().namespace());
      o.put("name", d.key().name());
      if (d.drift() == null) {
        o.put("change", d.change().name().toLowerCase(java.util.Locale.ROOT));
      } else {
        o.put("change", d.change().name().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> fields = new ArrayList<>();
        for (FieldDrift f : d.drift().fields()) {
          Map<String, Object> x = new LinkedHashMap<>();
          x.put("path", f.path());
          x.put("pointer", f.pointer());
          x.put("live", f.live());
          x.put("desired", f.desired());
          x.put("manager", f.manager());
          x.put("operation", f.operation());
          x.put("time", f.time());
          x.put("classification", f.classification().name());
          fields.add(x);
        }
        o.put("fields", fields);
        String rule = d.drift().ignoreRule();
        if (!rule.isEmpty()) o.put("ignoreDifferences", rule);
      }
      objects.add(o);
    }
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("revision", report.revision());
    top.put("objects", objects);
    Output.print(out, format, top);
  }

  private static String describe(Classification c) {
    return switch (c) {
      case Person -> "a person (kubectl or a similar tool)";
      case Controller -> "another controller";
      case Unattributed -> "unattributed: a write that took no ownership of the field (the scale subresource before"
          + " Kubernetes 1.22, a mutating webhook, the API server) or a removal";
      case Unknown -> "an unknown manager";
    };
  }

  private static String show(Object v) {
    return v == null ? "(absent)" : v instanceof String s ? s : dev.keelson.core.diff.JsonValues.canonicalJson(v);
  }

  private static String title(ResourceKey key) {
    String gk = key.group().isEmpty() ? key.kind() : key.group() + "/" + key.kind();
    return key.namespace().isEmpty() ? gk + "/" + key.name() : gk + "/" + key.namespace() + "/" + key.name();
  }
}
