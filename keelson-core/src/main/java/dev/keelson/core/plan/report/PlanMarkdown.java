package dev.keelson.core.plan.report;

/**
 * The plan as a pull request comment (GitHub-flavoured Markdown): a table of the apps, then one
 * collapsed section per app with its diffs. Diffs past a budget are left out so that the comment
 * stays under the 65,536 characters GitHub accepts; the text output always has them all.
 */
public final class PlanMarkdown {
  /** Characters of diff one comment carries at most. */
  static final int DIFF_BUDGET = 50_000;

  private PlanMarkdown() {}

  public static String render(ChangePlan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append("### Keelson plan: `").append(plan.revision()).append("` (").append(Titles.shortSha(plan.commit()))
        .append(")\n\n");
    sb.append(plan.base() == null ? "Every app of `" + plan.repository() + "`."
        : "Apps of `" + plan.repository() + "` whose files differ from `" + plan.base() + "`.").append("\n\n");
    if (plan.apps().isEmpty()) {
      sb.append("No Application is concerned by this change.\n");
      return sb.toString();
    }
    sb.append("| App | Create | Update | Delete | Recreate | Rejected or shared | Hooks | Held by |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (AppPlan app : plan.apps()) {
      sb.append("| `").append(app.id()).append("` | ");
      if (app.failed()) {
        sb.append("| | | | | | :x: plan failed |\n");
        continue;
      }
      sb.append(app.count(ObjectChange.Create.class)).append(" | ")
          .append(app.count(ObjectChange.Update.class)).append(" | ")
          .append(app.count(ObjectChange.Delete.class)).append(" | ")
          .append(app.count(ObjectChange.Recreate.class)).append(" | ")
          .append(app.count(ObjectChange.Rejected.class) + app.count(ObjectChange.Shared.class)).append(" | ")
          .append(app.hooks().size()).append(" | ")
          .append(String.join(", ", app.holds().stream().map(h -> h.reason().name().toLowerCase(java.util.Locale.ROOT)
              .replace('_', ' ')).distinct().toList()))
          .append(" |\n");
    }
    sb.append('\n');
    int[] budget = {DIFF_BUDGET};
    for (AppPlan app : plan.apps()) {
      if (app.changed() || app.failed() || !app.holds().isEmpty()) app(sb, app, budget);
    }
    sb.append(Titles.totals(plan)).append(".\n");
    return sb.toString();
  }

  private static void app(StringBuilder sb, AppPlan app, int[] budget) {
    sb.append("<details><summary><code>").append(app.id()).append("</code>: ").append(Titles.summary(app))
        .append("</summary>\n\n");
    sb.append("Destination `").append(app.cluster()).append("`, path `").append(app.path().isEmpty() ? "/" : app.path())
        .append("`, commit `").append(Titles.shortSha(app.commit())).append("`.\n\n");
    if (app.failed()) sb.append(":x: ").append(inline(app.error())).append("\n\n");
    for (Hold h : app.holds()) {
      sb.append("> :hourglass: **").append(h.reason()).append("**: ").append(inline(h.message())).append("\n\n");
    }
    for (ObjectChange c : app.changes()) {
      sb.append("- **").append(c.action()).append("** `").append(Titles.of(c.key())).append('`');
      if (c instanceof ObjectChange.Delete d) sb.append(" (").append(d.mode().describe()).append(')');
      if (c instanceof ObjectChange.Recreate r) {
        sb.append(": ").append(inline(r.reason())).append(" :warning: ").append(r.remedy().describe());
      }
      if (c instanceof ObjectChange.Rejected r) sb.append(": ").append(inline(r.reason()));
      if (c instanceof ObjectChange.Shared x) sb.append(": ").append(inline(x.describe()));
      sb.append('\n');
    }
    StringBuilder diffs = new StringBuilder();
    for (ObjectChange c : app.changes()) {
      String d = c instanceof ObjectChange.Update u ? u.diff() : c instanceof ObjectChange.Create x ? x.diff() : null;
      if (d != null && !d.isEmpty()) diffs.append(d.endsWith("\n") ? d : d + "\n");
    }
    if (diffs.length() > 0) {
      if (diffs.length() <= budget[0]) {
        budget[0] -= diffs.length();
        String fence = diffs.indexOf("```") >= 0 ? "~~~~" : "```";
        sb.append('\n').append(fence).append("diff\n").append(diffs).append(fence).append('\n');
      } else {
        sb.append("\n_Diff left out (").append(diffs.length())
            .append(" characters): run `keelson plan -o text` to see it._\n");
      }
    }
    if (!app.hooks().isEmpty()) {
      sb.append("\nHooks:\n\n| Phase | Wave | Hook | Deleted |\n|---|---:|---|---|\n");
      for (PlannedHook h : app.hooks()) {
        sb.append("| ").append(h.phase()).append(" | ").append(h.wave()).append(" | `").append(Titles.of(h.key()))
            .append("` | ").append(Titles.policies(h)).append(" |\n");
      }
    }
    for (String w : app.warnings()) sb.append("\n:warning: ").append(inline(w)).append('\n');
    sb.append("\n</details>\n\n");
  }

  /** One line of text that cannot break the table or the HTML around it. */
  private static String inline(String s) {
    return s.replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|");
  }
}
