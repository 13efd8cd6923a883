package dev.keelson.core.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.keelson.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IgnoreRuleTest {
  private static final ResourceKey DEPLOYMENT = new ResourceKey("apps", "Deployment", "shop", "web");
  private static final ResourceKey CONFIGMAP = new ResourceKey("", "ConfigMap", "shop", "cfg");
  private static final ResourceKey CRD_OBJECT = new ResourceKey("monitoring.example.com", "Probe", "", "ping");

  private static IgnoreRule rule(String group, String kind, String name, String namespace) {
    return new IgnoreRule(group, kind, name, namespace, List.of("/spec"), List.of());
  }

  @Nested
  @DisplayName("matches")
  class Matches {
    @Test
    @DisplayName("group and kind must be equal; name and namespace left out match all")
    void groupKind() {
      IgnoreRule deployments = rule("apps", "Deployment", null, null);

      assertThat(deployments.matches(DEPLOYMENT)).isTrue();
      assertThat(deployments.matches(DEPLOYMENT.withNamespace("other"))).isTrue();
      assertThat(deployments.matches(new ResourceKey("apps", "StatefulSet", "shop", "web"))).isFalse();
      assertThat(deployments.matches(new ResourceKey("extensions", "Deployment", "shop", "web"))).isFalse();
    }

    @Test
    @DisplayName("an empty or null group is the core group, and only that")
    void coreGroup() {
      assertThat(rule("", "ConfigMap", null, null).matches(CONFIGMAP)).isTrue();
      assertThat(rule(null, "ConfigMap", null, null).matches(CONFIGMAP)).isTrue();
      assertThat(rule(null, "ConfigMap", null, null).group()).isEmpty();
      assertThat(rule("", "Deployment", null, null).matches(DEPLOYMENT)).isFalse();
    }

    @Test
    @DisplayName("name and namespace narrow the rule to one object")
    void nameNamespace() {
      assertThat(rule("apps", "Deployment", "web", "shop").matches(DEPLOYMENT)).isTrue();
      assertThat(rule("apps", "Deployment", "api", null).matches(DEPLOYMENT)).isFalse();
      assertThat(rule("apps", "Deployment", null, "prod").matches(DEPLOYMENT)).isFalse();
      assertThat(rule("apps", "Deployment", "", "").matches(DEPLOYMENT)).isTrue();
    }

    @Test
    @DisplayName("a namespace never matches a cluster-scoped object")
    void clusterScoped() {
      assertThat(rule("monitoring.example.com", "Probe", null, "shop").matches(CRD_OBJECT)).isFalse();
      assertThat(rule("monitoring.example.com", "Probe", null, null).matches(CRD_OBJECT)).isTrue();
    }

    @Test
    @DisplayName("a null or empty kind matches every kind of the group")
    void anyKind() {
      assertThat(rule("apps", null, null, null).matches(DEPLOYMENT)).isTrue();
      assertThat(rule("apps", "", null, null).matches(DEPLOYMENT)).isTrue();
      assertThat(rule("apps", null, null, null).matches(CONFIGMAP)).isFalse();
    }

    @Test
    @DisplayName("group and kind take * and ? wildcards, as Argo CD's globs do")
    void wildcards() {
      assertThat(rule("*", "*", null, null).matches(DEPLOYMENT)).isTrue();
      assertThat(rule("*", "*", null, null).matches(CONFIGMAP)).isTrue();
      assertThat(rule("*.example.com", "*", null, null).matches(CRD_OBJECT)).isTrue();
      assertThat(rule("*.example.com", "*", null, null).matches(DEPLOYMENT)).isFalse();
      assertThat(rule("apps", "Deploy?ent", null, null).matches(DEPLOYMENT)).isTrue();
      assertThat(rule("apps", "*Set", null, null).matches(DEPLOYMENT)).isFalse();
    }

    @Test
    @DisplayName("names are not wildcards")
    void namesLiteral() {
      assertThat(rule("apps", "Deployment", "*", null).matches(DEPLOYMENT)).isFalse();
    }
  }

  @Nested
  @DisplayName("construction")
  class Construction {
    @Test
    @DisplayName("null lists become empty and null entries are dropped")
    void nullLists() {
      IgnoreRule rule = new IgnoreRule("apps", "Deployment", null, null, null, null);
      List<String> managers = new ArrayList<>(Arrays.asList("hpa", null));

      assertThat(rule.jsonPointers()).isEmpty();
      assertThat(rule.managedFieldsManagers()).isEmpty();
      assertThat(new IgnoreRule("apps", "Deployment", null, null, null, managers).managedFieldsManagers())
          .containsExactly("hpa");
    }

    @Test
    @DisplayName("later changes to the given lists do not reach the rule")
    void copiesLists() {
      List<String> pointers = new ArrayList<>(List.of("/spec/replicas"));
      IgnoreRule rule = new IgnoreRule("apps", "Deployment", null, null, pointers, null);

      pointers.add("/spec/paused");

      assertThat(rule.jsonPointers()).containsExactly("/spec/replicas");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "/", "/spec/replicas", "/metadata/annotations/a~1b", "/a~0b", "/x/-"})
    @DisplayName("accepts JSON pointers")
    void validPointers(String pointer) {
      assertThat(new IgnoreRule("", "ConfigMap", null, null, List.of(pointer), null).jsonPointers())
          .containsExactly(pointer);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"spec/replicas", ".spec.replicas", "/a~2b", "/a~"})
    @DisplayName("rejects what is not a JSON pointer, quoting it")
    void invalidPointers(String pointer) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> new IgnoreRule("", "ConfigMap", null, null, List.of(pointer), null))
          .withMessageContaining("\"" + pointer + "\"");
    }
  }
}
