package dev.keelson.controller.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.v1alpha1.AlertSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRuleTest {
  static AlertSpec spec(String severity, String kind, String name, Map<String, String> labels) {
    AlertSpec s = new AlertSpec();
    s.providerRef = new AlertSpec.ProviderRef();
    s.providerRef.name = "hook";
    s.eventSeverity = severity;
    AlertSpec.EventSource src = new AlertSpec.EventSource();
    src.kind = kind;
    src.name = name;
    src.matchLabels = labels;
    s.eventSources = List.of(src);
    return s;
  }

  @Test
  void matchesByKindNameNamespaceAndLabels() {
    AlertRule byName = AlertRule.of("shop", "a", spec(null, "Application", "web", null));
    assertThat(byName.matches(Events.event("shop", "web", NotifyEvent.Severity.info, "Synced", "ok"))).isTrue();
    assertThat(byName.matches(Events.event("shop", "api", NotifyEvent.Severity.info, "Synced", "ok"))).isFalse();
    // the source's namespace defaults to the Alert's
    assertThat(byName.matches(Events.event("other", "web", NotifyEvent.Severity.info, "Synced", "ok"))).isFalse();

    AlertRule any = AlertRule.of("shop", "a", spec(null, "Application", "*", Map.of("team", "shop")));
    assertThat(any.matches(Events.event("shop", "x", NotifyEvent.Severity.info, "Synced", "ok"))).isTrue();
    AlertRule otherTeam = AlertRule.of("shop", "a", spec(null, "Application", "*", Map.of("team", "pay")));
    assertThat(otherTeam.matches(Events.event("shop", "x", NotifyEvent.Severity.info, "Synced", "ok"))).isFalse();

    AlertRule prefix = AlertRule.of("shop", "a", spec(null, "Application", "web-*", null));
    assertThat(prefix.matches(Events.event("shop", "web-eu", NotifyEvent.Severity.info, "Synced", "ok"))).isTrue();
    assertThat(prefix.matches(Events.event("shop", "api-eu", NotifyEvent.Severity.info, "Synced", "ok"))).isFalse();

    AlertRule rollouts = AlertRule.of("shop", "a", spec(null, "Rollout", "*", null));
    assertThat(rollouts.matches(Events.event("shop", "web", NotifyEvent.Severity.info, "Synced", "ok"))).isFalse();
  }

  @Test
  void errorSeverityLetsOnlyErrorsThrough() {
    AlertRule errors = AlertRule.of("shop", "a", spec("error", "Application", "*", null));
    assertThat(errors.matches(Events.event("shop", "web", NotifyEvent.Severity.info, "Synced", "ok"))).isFalse();
    assertThat(errors.matches(Events.event("shop", "web", NotifyEvent.Severity.error, "SyncFailed", "no"))).isTrue();
  }

  @Test
  void inclusionThenExclusionOverTheMessage() {
    AlertSpec s = spec(null, "Application", "*", null);
    s.inclusionList = List.of("^revision ", "degraded");
    s.exclusionList = List.of("no changes");
    AlertRule r = AlertRule.of("shop", "a", s);
    assertThat(r.matches(Events.event("shop", "w", NotifyEvent.Severity.info, "Synced", "revision x: 2 applied"))).isTrue();
    assertThat(r.matches(Events.event("shop", "w", NotifyEvent.Severity.info, "Synced", "revision x: no changes"))).isFalse();
    assertThat(r.matches(Events.event("shop", "w", NotifyEvent.Severity.info, "Pruned", "1 object(s) pruned"))).isFalse();
    assertThat(r.matches(Events.event("shop", "w", NotifyEvent.Severity.error, "HealthDegraded", "health degraded"))).isTrue();
  }

  @Test
  void suspendedSendsNothing() {
    AlertSpec s = spec(null, "Application", "*", null);
    s.suspend = true;
    assertThat(AlertRule.of("shop", "a", s).matches(Events.event("shop", "w", NotifyEvent.Severity.error, "X", "y"))).isFalse();
  }

  @Test
  void summaryAndMetadataAreAddedTheEventsOwnKeysKept() {
    AlertSpec s = spec(null, "Application", "*", null);
    s.summary = "prod eu-west";
    s.eventMetadata = Map.of("env", "prod", "revision", "not-this");
    NotifyEvent e = new NotifyEvent(Events.app("shop", "w", Map.of()), NotifyEvent.Severity.info, "Synced", "m",
        Events.SHA, null, Map.of("revision", Events.SHA), Events.AT);
    NotifyEvent d = AlertRule.of("shop", "a", s).decorate(e);
    assertThat(d.fullMetadata()).containsEntry("summary", "prod eu-west").containsEntry("env", "prod")
        .containsEntry("revision", Events.SHA);
  }

  @Test
  void badFieldsAreNamed() {
    assertThatThrownBy(() -> AlertRule.of("shop", "a", spec("warning", "Application", "*", null)))
        .hasMessageContaining("spec.eventSeverity").hasMessageContaining("warning");
    AlertSpec s = spec(null, "Application", "*", null);
    s.exclusionList = List.of("(unclosed");
    assertThatThrownBy(() -> AlertRule.of("shop", "a", s)).hasMessageContaining("spec.exclusionList[0]");
    AlertSpec noSources = spec(null, "Application", "*", null);
    noSources.eventSources = List.of();
    assertThatThrownBy(() -> AlertRule.of("shop", "a", noSources)).hasMessageContaining("spec.eventSources");
    AlertSpec noProvider = spec(null, "Application", "*", null);
    noProvider.providerRef = null;
    assertThatThrownBy(() -> AlertRule.of("shop", "a", noProvider)).hasMessageContaining("spec.providerRef.name");
  }
}
