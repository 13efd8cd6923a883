package dev.keelson.core.plan.report;

/** The plan for a terminal: per app its changes with their diffs, its hooks and what holds it. */
public final class PlanText {
  private PlanText() {}

  public static String render(ChangePlan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append("Plan of ").append(Titles.heading(plan)).append("\n\n");
    for (AppPlan app : plan.apps()) app(sb, app);
    sb.append(Titles.totals(plan)).append('\n');
    return sb.toString();
  }

  private static void app(StringBuilder sb, AppPlan app) {
    sb.append(app.id()).append(" (").append(app.cluster()).append(", path ")
        .append(app.path().isEmpty() ? "/" : app.path()).append(", commit ").append(Titles.shortSha(app.commit()))
        .append("): ").append(Titles.summary(app)).append('\n');
    if (app.failed()) {
      sb.append("  error: ").append(app.error()).append('\n');
    }
    for (ObjectChange c : app.changes()) {
      String title = Titles.of(c.key());
      if (c instanceof ObjectChange.Create x) {
        line(sb, "+ create  ", title, x.diff());
      } else if (c instanceof ObjectChange.Update x) {
        line(sb, "~ update  ", title, x.diff());
      } else if (c instanceof ObjectChange.Delete x) {
        line(sb, "- delete  ", title + " (" + x.mode().describe() + ", wave " + x.wave() + ")", null);
      } else if (c instanceof ObjectChange.Recreate x) {
        line(sb, "! recreate ", title + ": " + x.reason() + "\n      " + x.remedy().describe(), null);
      } else if (c instanceof ObjectChange.Rejected x) {
        line(sb, "! rejected ", title + ": " + x.reason(), null);
      } else if (c instanceof ObjectChange.Shared x) {
        line(sb, "! shared  ", title + ": " + x.describe(), null);
      }
    }
    if (!app.hooks().isEmpty()) {
      sb.append("  hooks").append(app.changed() ? "" : " (run only by a sync)").append(":\n");
      for (PlannedHook h : app.hooks()) {
        sb.append("    ").append(h.phase()).append(" wave ").append(h.wave()).append("  ").append(Titles.of(h.key()))
            .append(" (deleted: ").append(Titles.policies(h)).append(")\n");
      }
    }
    for (Hold h : app.holds()) {
      sb.append("  held: ").append(h.reason()).append(": ").append(h.message()).append('\n');
    }
    for (String w : app.warnings()) {
      sb.append("  warning: ").append(w).append('\n');
    }
    sb.append('\n');
  }

  private static void line(StringBuilder sb, String action, String title, String diff) {
    sb.append("  ").append(action).append(title).append('\n');
    if (diff == null || diff.isEmpty()) return;
    for (String l : diff.split("\n", -1)) {
      if (!l.isEmpty()) sb.append("      ").append(l).append('\n');
    }
  }
}
