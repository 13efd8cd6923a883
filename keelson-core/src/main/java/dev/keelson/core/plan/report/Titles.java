package dev.keelson.core.plan.report;

import dev.keelson.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;

/** The words the renderers share: an object's title and an app's one-line summary. */
final class Titles {
  private Titles() {}

  /** {@code group/Kind/namespace/name}, as `keelson app diff` titles an object. */
  static String of(ResourceKey key) {
    String gk = key.group().isEmpty() ? key.kind() : key.group() + "/" + key.kind();
    return key.namespace().isEmpty() ? gk + "/" + key.name() : gk + "/" + key.namespace() + "/" + key.name();
  }

  /** "1 to create, 2 to update" or "no changes". */
  static String summary(AppPlan app) {
    if (app.failed()) return "plan failed";
    List<String> parts = new ArrayList<>();
    add(parts, app.count(ObjectChange.Create.class), "to create");
    add(parts, app.count(ObjectChange.Update.class), "to update");
    add(parts, app.count(ObjectChange.Delete.class), "to delete");
    add(parts, app.count(ObjectChange.Recreate.class), "to recreate");
    add(parts, app.count(ObjectChange.Rejected.class), "rejected");
    add(parts, app.count(ObjectChange.Shared.class), "shared with another app");
    return parts.isEmpty() ? "no changes" : String.join(", ", parts);
  }

  private static void add(List<String> parts, long n, String what) {
    if (n > 0) parts.add(n + " " + what);
  }

  static String shortSha(String sha) {
    return sha == null ? "?" : sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  /** The hook's delete policies, or the default's name. */
  static String policies(PlannedHook h) {
    return h.deletePolicies().isEmpty() ? "BeforeHookCreation"
        : String.join(",", h.deletePolicies().stream().map(Enum::name).sorted().toList());
  }

  static String heading(ChangePlan plan) {
    return plan.repository() + " at " + plan.revision() + " (" + shortSha(plan.commit()) + ")"
        + (plan.base() == null ? ", every app of the repository" : ", apps whose files differ from " + plan.base());
  }

  static String totals(ChangePlan plan) {
    long changed = plan.apps().stream().filter(AppPlan::changed).count();
    long failed = plan.apps().stream().filter(AppPlan::failed).count();
    return plan.apps().size() + " app(s) planned: " + changed + " with changes, "
        + (plan.apps().size() - changed - failed) + " unchanged, " + failed + " failed";
  }
}
