package dev.keelson.controller.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.v1alpha1.AppSetSyncPolicy;
import dev.keelson.api.v1alpha1.ApplicationSet;
import dev.keelson.api.v1alpha1.ApplicationSetSpec;
import dev.keelson.core.appset.AppTemplate;
import dev.keelson.core.appset.ApplicationsSync;
import dev.keelson.core.appset.RollingSync;
import dev.keelson.core.appset.SetPolicy;
import dev.keelson.core.appset.Templater;
import dev.keelson.core.appset.Templating;
import dev.keelson.core.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An ApplicationSet's spec, checked and typed.
 *
 * @param generators top-level generators in Argo CD's JSON shape, evaluated one by one
 */
record AppSetSettings(List<JsonNode> generators, Templater templater, AppTemplate template, SetPolicy policy,
    Duration interval, Preservation preservation, Strategy strategy) {
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether generated apps carry the resources finalizer (their objects go with them). */
  enum Preservation { DELETE_RESOURCES, PRESERVE_RESOURCES }

  /** @throws IllegalArgumentException naming the field */
  static AppSetSettings of(ApplicationSet set) {
    ApplicationSetSpec spec = set.getSpec();
    if (spec == null || spec.generators == null || spec.generators.isEmpty()) {
      throw new IllegalArgumentException("spec.generators is required");
    }
    if (spec.template == null || spec.template.spec == null) throw new IllegalArgumentException("spec.template.spec is required");
    Templating templating = Boolean.TRUE.equals(spec.goTemplate) ? Templating.go(spec.goTemplateOptions) : Templating.FAST;
    if (!templating.isGo() && spec.goTemplateOptions != null && !spec.goTemplateOptions.isEmpty()) {
      throw new IllegalArgumentException("spec.goTemplateOptions needs goTemplate: true");
    }
    Templater templater = new Templater(templating);
    JsonNode template = JSON.valueToTree(spec.template);
    AppTemplate appTemplate = new AppTemplate(template, spec.templatePatch, templater);
    List<JsonNode> generators = new ArrayList<>();
    for (Object g : spec.generators) generators.add(JSON.valueToTree(g));
    Duration interval = DEFAULT_INTERVAL;
    if (spec.interval != null && !spec.interval.isBlank()) {
      try {
        interval = Durations.parse(spec.interval);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("spec.interval: " + e.getMessage());
      }
      if (interval.isZero() || interval.isNegative()) throw new IllegalArgumentException("spec.interval must be positive");
    }
    AppSetSyncPolicy sp = spec.syncPolicy == null ? new AppSetSyncPolicy() : spec.syncPolicy;
    List<SetPolicy.IgnoreRule> ignore = new ArrayList<>();
    if (sp.ignoreApplicationDifferences != null) {
      for (AppSetSyncPolicy.IgnoreAppDifference d : sp.ignoreApplicationDifferences) {
        if (d.jqPathExpressions != null && !d.jqPathExpressions.isEmpty()) {
          throw new IllegalArgumentException("syncPolicy.ignoreApplicationDifferences: jqPathExpressions are not"
              + " supported; use jsonPointers");
        }
        List<String> pointers = d.jsonPointers == null ? List.of() : d.jsonPointers;
        for (String p : pointers) {
          if (!p.startsWith("/")) {
            throw new IllegalArgumentException("syncPolicy.ignoreApplicationDifferences: " + p + " is not a JSON pointer");
          }
        }
        ignore.add(new SetPolicy.IgnoreRule(d.name, pointers));
      }
    }
    int maxDelete = sp.maxDeletePercent == null ? SetPolicy.DEFAULT_MAX_DELETE_PERCENT : sp.maxDeletePercent;
    SetPolicy policy = new SetPolicy(ApplicationsSync.parse(sp.applicationsSync), maxDelete, ignore, interval);
    Preservation preservation = Boolean.TRUE.equals(sp.preserveResourcesOnDeletion)
        ? Preservation.PRESERVE_RESOURCES : Preservation.DELETE_RESOURCES;
    return new AppSetSettings(generators, templater, appTemplate, policy, interval, preservation, strategy(spec));
  }

  private static Strategy strategy(ApplicationSetSpec spec) {
    if (spec.strategy == null || spec.strategy.type == null || spec.strategy.type.equals("AllAtOnce")) {
      return new Strategy.AllAtOnce();
    }
    if (spec.strategy.rollingSync == null || spec.strategy.rollingSync.steps == null
        || spec.strategy.rollingSync.steps.isEmpty()) {
      throw new IllegalArgumentException("strategy.rollingSync.steps is required for RollingSync");
    }
    List<RollingSync.Step> steps = new ArrayList<>();
    for (var step : spec.strategy.rollingSync.steps) steps.add(RollingSync.Step.parse(JSON.valueToTree(step)));
    return new Strategy.Rolling(steps);
  }
}
