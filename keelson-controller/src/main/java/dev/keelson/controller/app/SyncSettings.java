package dev.keelson.controller.app;

import dev.keelson.api.v1alpha1.ApplicationSpec;
import dev.keelson.api.v1alpha1.SyncPolicy;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.core.diff.IgnoreRule;
import dev.keelson.core.health.ExpressionHealthRule;
import dev.keelson.core.schedule.RetryPolicy;
import dev.keelson.core.schedule.SyncWindowSpec;
import dev.keelson.core.schedule.SyncWindows;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.util.ArrayList;
import java.util.List;

/**
 * How and when an app syncs: the sync policy, its options, gates (suspend, approval, windows,
 * dependencies) and the rules that change comparison and health.
 *
 * @param retry the retry policy, or null when none is configured (a failed sync then stays failed
 *     until the desired state changes or an operator acts, as in Argo CD)
 * @param dependsOn the apps this one waits for
 */
public record SyncSettings(
    boolean automated,
    boolean prune,
    boolean selfHeal,
    boolean createNamespace,
    boolean pruneLast,
    DeletionPropagation propagation,
    boolean failOnSharedResource,
    boolean replace,
    boolean validate,
    RetryPolicy retry,
    boolean approvalRequired,
    SyncWindows windows,
    boolean suspend,
    List<DependencyRef> dependsOn,
    List<ExpressionHealthRule> healthRules,
    List<IgnoreRule> ignoreRules) {

  /** The same settings with more sync windows (a project's) judged with the app's own. */
  SyncSettings withMoreWindows(List<dev.keelson.core.schedule.SyncWindowSpec> more) {
    if (more.isEmpty()) return this;
    return new SyncSettings(automated, prune, selfHeal, createNamespace, pruneLast, propagation, failOnSharedResource,
        replace, validate, retry, approvalRequired, windows.plus(more), suspend, dependsOn, healthRules, ignoreRules);
  }

  /** An app depended on, with its readiness expression (null: Synced and Healthy). */
  public record DependencyRef(String namespace, String name, String readyExpr) {}

  /**
   * Options Keelson reads, and Argo CD's it accepts without effect (it always applies server-side,
   * only what is out of sync, and dry-runs as its own validation decides).
   */
  private static final java.util.Set<String> KNOWN_OPTIONS = java.util.Set.of(
      "createnamespace", "prunelast", "applyoutofsynconly", "prunepropagationpolicy", "failonsharedresource",
      "replace", "validate", "serversideapply", "respectignoredifferences", "skipdryrunonmissingresource");

  /** Whether a sync option is one Keelson reads or accepts; any other makes the spec invalid. */
  public static boolean isKnownOption(String option) {
    return option != null && KNOWN_OPTIONS.contains(option.split("=", 2)[0].trim().toLowerCase());
  }

  static SyncSettings of(ApplicationSpec spec) {
    SyncPolicy p = AppSettings.policyOf(spec);
    if (p.syncOptions != null) {
      for (String o : p.syncOptions) {
        if (!isKnownOption(o)) {
          throw new IllegalArgumentException("spec.syncPolicy.syncOptions: unknown option " + o);
        }
      }
    }
    var automated = p.automated;
    RetryPolicy retry = null;
    if (p.retry != null) {
      var b = p.retry.backoff;
      retry = RetryPolicy.of(p.retry.limit, b == null ? null : b.duration, b == null ? null : b.factor,
          b == null ? null : b.maxDuration);
    }
    List<SyncWindowSpec> windows = new ArrayList<>();
    if (p.windows != null) {
      for (int i = 0; i < p.windows.size(); i++) {
        var w = p.windows.get(i);
        windows.add(SyncWindowSpec.of(i, w.kind, w.schedule, w.duration, w.timeZone, w.manualSync));
      }
    }
    return new SyncSettings(
        automated != null,
        automated != null && Boolean.TRUE.equals(automated.prune),
        automated != null && Boolean.TRUE.equals(automated.selfHeal),
        p.hasOption("CreateNamespace=true"),
        p.hasOption("PruneLast=true"),
        propagation(p.optionValue("PrunePropagationPolicy")),
        p.hasOption("FailOnSharedResource=true"),
        p.hasOption("Replace=true"),
        !p.hasOption("Validate=false"),
        retry,
        p.approval != null && Boolean.TRUE.equals(p.approval.required),
        SyncWindows.of(windows),
        Boolean.TRUE.equals(spec.suspend),
        dependencies(spec),
        healthRules(spec),
        ignoreRules(spec));
  }

  private static DeletionPropagation propagation(String value) {
    if (value == null) return DeletionPropagation.BACKGROUND;
    return switch (value.toLowerCase()) {
      case "foreground" -> DeletionPropagation.FOREGROUND;
      case "background" -> DeletionPropagation.BACKGROUND;
      case "orphan" -> DeletionPropagation.ORPHAN;
      default -> throw new IllegalArgumentException(
          "spec.syncPolicy.syncOptions: PrunePropagationPolicy must be foreground, background or orphan, not " + value);
    };
  }

  /**
   * Every change of any app looks through the dependsOn of the others; an app waiting for more
   * than this is a generator's mistake, and would make each of those looks cost its length.
   */
  static final int MAX_DEPENDS_ON = 256;

  private static List<DependencyRef> dependencies(ApplicationSpec spec) {
    if (spec.dependsOn == null) return List.of();
    if (spec.dependsOn.size() > MAX_DEPENDS_ON) {
      throw new IllegalArgumentException("spec.dependsOn has " + spec.dependsOn.size() + " entries; at most "
          + MAX_DEPENDS_ON + " are allowed");
    }
    List<DependencyRef> out = new ArrayList<>();
    for (int i = 0; i < spec.dependsOn.size(); i++) {
      var d = spec.dependsOn.get(i);
      if (d == null || AppSettings.blank(d.name)) {
        throw new IllegalArgumentException("spec.dependsOn[" + i + "].name is required");
      }
      if (!AppSettings.blank(d.readyExpr)) {
        try {
          dev.keelson.core.deps.ReadyExpression.compile(d.readyExpr);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("spec.dependsOn[" + i + "].readyExpr: " + e.getMessage());
        }
      }
      out.add(new DependencyRef(AppSettings.blank(d.namespace) ? null : d.namespace.trim(), d.name.trim(),
          AppSettings.blank(d.readyExpr) ? null : d.readyExpr));
    }
    return List.copyOf(out);
  }

  private static List<ExpressionHealthRule> healthRules(ApplicationSpec spec) {
    if (spec.healthChecks == null) return List.of();
    List<ExpressionHealthRule> out = new ArrayList<>();
    for (var h : spec.healthChecks) {
      ExpressionHealthRule rule = new ExpressionHealthRule(h.apiVersion, h.kind, h.current, h.inProgress, h.failed);
      rule.validate();
      out.add(rule);
    }
    return List.copyOf(out);
  }

  /**
   * Fields the rollout controller owns on an object the Application declares (the weights of an
   * HTTPRoute it routes a canary through, a Service's selector key) are neither compared nor
   * reverted, as if every Application had this ignoreDifferences entry: field ownership, not a
   * special case per kind. The rollout gives the fields up when it is done, so Git's edits of them
   * apply again afterwards.
   */
  static final IgnoreRule ROLLOUT_OWNED =
      new IgnoreRule("*", "*", null, null, List.of(), List.of(Rollout.FIELD_MANAGER));

  private static List<IgnoreRule> ignoreRules(ApplicationSpec spec) {
    List<IgnoreRule> out = new ArrayList<>();
    out.add(ROLLOUT_OWNED);
    if (spec.ignoreDifferences == null) return List.copyOf(out);
    for (int i = 0; i < spec.ignoreDifferences.size(); i++) {
      var d = spec.ignoreDifferences.get(i);
      try {
        out.add(new IgnoreRule(d.group == null ? "" : d.group, d.kind, d.name, d.namespace,
            d.jsonPointers == null ? List.of() : d.jsonPointers,
            d.managedFieldsManagers == null ? List.of() : d.managedFieldsManagers));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("spec.ignoreDifferences[" + i + "]: " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }
}
