package dev.keelson.automation.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.automation.setters.Change;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitMessageTest {
  static final List<Change> CHANGES = List.of(new Change("apps/web.yaml", 3, "web:1.0.0", "web:1.2.0", "apps:web"));

  @Test
  void fluxStyleTemplates() {
    String t = "Automation {{ .AutomationObject }} for {{ .Values.env }}\n\n"
        + "{{ range $file, $changes := .Changed.FileChanges -}}\n{{ $file }}:\n"
        + "{{ range $changes }}- {{ .OldValue }} -> {{ .NewValue }}\n{{ end }}{{ end -}}";
    assertThat(CommitMessage.render(t, "apps/auto", CHANGES, Map.of("apps:web", "web:1.2.0"), Map.of("env", "prod")))
        .isEqualTo("Automation apps/auto for prod\n\napps/web.yaml:\n- web:1.0.0 -> web:1.2.0\n");
  }

  @Test
  void aDefaultMessageAndAClearErrorForABadTemplate() {
    assertThat(CommitMessage.render(null, "a/b", CHANGES, Map.of(), null))
        .contains("apps/web.yaml: web:1.0.0 -> web:1.2.0 (apps:web)");
    assertThatThrownBy(() -> CommitMessage.render("{{ range }", "a/b", CHANGES, Map.of(), null))
        .hasMessageStartingWith("git.commit.messageTemplate");
  }
}
