package dev.keelson.core.plan.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.HookDeletePolicy;
import dev.keelson.core.sync.SyncPhase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlanRenderersTest {
  static final ResourceKey CM = new ResourceKey("", "ConfigMap", "shop", "settings");
  static final ResourceKey DEPLOY = new ResourceKey("apps", "Deployment", "shop", "web");
  static final ResourceKey JOB = new ResourceKey("batch", "Job", "shop", "migrate");

  static AppPlan web() {
    return new AppPlan("shop", "web", "in-cluster", "apps/web", "0123456789abcdef",
        List.of(new ObjectChange.Update(CM, "--- live/ConfigMap/shop/settings\n+++ desired/ConfigMap/shop/settings\n"
                + "@@ -1 +1 @@\n-  a: one\n+  a: two\n"),
            new ObjectChange.Recreate(DEPLOY, "spec.selector: field is immutable", ObjectChange.Remedy.NEEDS_FORCE),
            new ObjectChange.Delete(CM.withName("old"), 0, ObjectChange.PruneMode.PRUNE_FALSE, "")),
        List.of(new PlannedHook(JOB, SyncPhase.PreSync, -1, Set.of(HookDeletePolicy.HookSucceeded))),
        List.of(new Hold(Hold.Reason.APPROVAL, "approvalRequired | waits <here>")), List.of(), null);
  }

  static AppPlan quiet() {
    return new AppPlan("shop", "api", "in-cluster", "apps/api", "0123456789abcdef", List.of(), List.of(), List.of(),
        List.of(), null);
  }

  @Test
  @DisplayName("exit status as diff(1): 0 nothing would change, 1 something would, 2 a plan failed")
  void exitStatus() {
    assertThat(new ChangePlan("r", "main", "abc", "main", List.of(quiet())).exitStatus()).isZero();
    assertThat(new ChangePlan("r", "main", "abc", "main", List.of()).exitStatus()).isZero();
    assertThat(new ChangePlan("r", "main", "abc", "main", List.of(quiet(), web())).exitStatus()).isEqualTo(1);
    assertThat(new ChangePlan("r", "main", "abc", "main",
        List.of(web(), AppPlan.failed("shop", "x", "in-cluster", "", "render failed"))).exitStatus()).isEqualTo(2);
  }

  @Test
  @DisplayName("markdown: a summary table, a collapsed section per changed app with its diff, hooks and holds escaped for the table")
  void markdown() {
    String md = PlanMarkdown.render(new ChangePlan("https://git.example/shop", "feature", "0123456789abcdef", "main",
        List.of(web(), quiet())));
    assertThat(md).contains("### Keelson plan: `feature` (0123456789ab)")
        .contains("| `shop/web` | 0 | 1 | 1 | 1 | 0 | 1 | approval |")
        .contains("| `shop/api` | 0 | 0 | 0 | 0 | 0 | 0 |  |")
        .contains("<details><summary><code>shop/web</code>: 1 to update, 1 to delete, 1 to recreate</summary>")
        .contains("```diff\n--- live/ConfigMap/shop/settings").contains("+  a: two")
        .contains("| PreSync | -1 | `batch/Job/shop/migrate` | HookSucceeded |")
        .contains("approvalRequired \\| waits &lt;here&gt;")
        .contains("(kept: Prune=false)")
        .contains("2 app(s) planned: 1 with changes, 1 unchanged, 0 failed.");
    assertThat(md).doesNotContain("<code>shop/api</code>");
  }

  @Test
  @DisplayName("markdown leaves out diffs past its budget so the comment stays within GitHub's limit")
  void markdownBudget() {
    String big = "+" + "x".repeat(PlanMarkdown.DIFF_BUDGET) + "\n";
    AppPlan huge = new AppPlan("shop", "big", "in-cluster", "", "abc", List.of(new ObjectChange.Create(CM, big)),
        List.of(), List.of(), List.of(), null);
    String md = PlanMarkdown.render(new ChangePlan("r", "feature", "abc", null, List.of(huge)));
    assertThat(md).contains("Diff left out").hasSizeLessThan(5_000);
  }

  @Test
  @DisplayName("text: one line per change with its diff indented, hooks by phase and wave, holds")
  void text() {
    String text = PlanText.render(new ChangePlan("r", "feature", "0123456789abcdef", "main", List.of(web())));
    assertThat(text).contains("shop/web (in-cluster, path apps/web, commit 0123456789ab): 1 to update")
        .contains("  ~ update  ConfigMap/shop/settings\n      --- live/ConfigMap/shop/settings")
        .contains("  ! recreate apps/Deployment/shop/web: spec.selector: field is immutable\n      the sync fails")
        .contains("  - delete  ConfigMap/shop/old (kept: Prune=false, wave 0)")
        .contains("    PreSync wave -1  batch/Job/shop/migrate (deleted: HookSucceeded)")
        .contains("  held: APPROVAL: approvalRequired");
  }

  @Test
  @DisplayName("another app's object: counted, named with its owner, and whether the sync skips it or fails")
  void shared() {
    AppPlan app = new AppPlan("shop", "web", "in-cluster", "", "abc",
        List.of(new ObjectChange.Shared(CM, "shop/api", false)), List.of(), List.of(), List.of(), null);
    ChangePlan plan = new ChangePlan("r", "feature", "abc", null, List.of(app));
    assertThat(plan.exitStatus()).isEqualTo(1);
    assertThat(PlanText.render(plan)).contains("! shared  ConfigMap/shop/settings: managed by application shop/api:"
        + " the sync skips it");
    assertThat(PlanMarkdown.render(plan)).contains("| `shop/web` | 0 | 0 | 0 | 0 | 1 | 0 |  |")
        .contains("1 shared with another app");
  }

  @Test
  @DisplayName("json: every change with its action and key, holds and hooks typed")
  void json() throws Exception {
    JsonNode root = new ObjectMapper().readTree(PlanJson.render(
        new ChangePlan("r", "feature", "abc", "main", List.of(web()))));
    assertThat(root.get("changes").asBoolean()).isTrue();
    JsonNode app = root.get("apps").get(0);
    assertThat(app.get("changes").get(1).get("action").asText()).isEqualTo("recreate");
    assertThat(app.get("changes").get(1).get("remedy").asText()).isEqualTo("NEEDS_FORCE");
    assertThat(app.get("changes").get(2).get("prune").asText()).isEqualTo("PRUNE_FALSE");
    assertThat(app.get("hooks").get(0).get("phase").asText()).isEqualTo("PreSync");
    assertThat(app.get("holds").get(0).get("reason").asText()).isEqualTo("APPROVAL");
  }
}
