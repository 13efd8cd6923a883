package dev.keelson.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.controller.app.PostBuildSettings;
import dev.keelson.controller.app.PostBuildSettings.VariableRef;
import dev.keelson.controller.app.PostBuildSettings.VariableRef.Kind;
import dev.keelson.core.manifest.ManifestParser;
import dev.keelson.core.model.Manifest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubstituterTest {
  private static final String NS = "team-a";

  /** ConfigMaps and Secrets by "Kind/name"; the namespace asked for is checked. */
  private final Map<String, Map<String, String>> objects = new HashMap<>();
  private final List<String> reads = new java.util.ArrayList<>();

  private final VariableSource fake = (namespace, ref) -> {
    assertThat(namespace).isEqualTo(NS);
    reads.add(ref.toString());
    return Optional.ofNullable(objects.get(ref.toString()));
  };

  private final Substituter substituter = new Substituter(fake);

  private static VariableRef cm(String name, boolean optional) {
    return new VariableRef(Kind.ConfigMap, name, optional);
  }

  private static VariableRef secret(String name, boolean optional) {
    return new VariableRef(Kind.Secret, name, optional);
  }

  private static PostBuildSettings settings(Map<String, String> inline, VariableRef... from) {
    return new PostBuildSettings(inline, List.of(from), true);
  }

  private Map<String, String> resolved(PostBuildSettings s) throws ReconcileFailure {
    return substituter.resolve(NS, s).orElseThrow().options().variables();
  }

  @Test
  @DisplayName("later substituteFrom entries override earlier ones, and substitute overrides all, as Flux")
  void precedence() throws Exception {
    objects.put("ConfigMap/base", Map.of("env", "dev", "region", "eu", "size", "s"));
    objects.put("Secret/override", Map.of("env", "staging", "token", "t0k"));
    Map<String, String> vars = resolved(settings(Map.of("env", "prod"), cm("base", false), secret("override", false)));
    assertThat(vars).isEqualTo(Map.of("env", "prod", "region", "eu", "size", "s", "token", "t0k"));
    assertThat(reads).containsExactly("ConfigMap/base", "Secret/override");
  }

  @Test
  @DisplayName("without postBuild nothing is read")
  void absent() throws Exception {
    assertThat(substituter.resolve(NS, null)).isEmpty();
    assertThat(reads).isEmpty();
  }

  @Test
  @DisplayName("a missing optional entry is skipped; a missing required one fails naming it, transiently")
  void missing() throws Exception {
    objects.put("ConfigMap/present", Map.of("a", "1"));
    assertThat(resolved(settings(Map.of(), cm("absent", true), cm("present", false)))).isEqualTo(Map.of("a", "1"));
    assertThatThrownBy(() -> substituter.resolve(NS, settings(Map.of(), secret("cluster-secrets", false))))
        .isInstanceOfSatisfying(ReconcileFailure.class, f -> {
          assertThat(f.reason()).isEqualTo(FailureReason.SubstitutionFailed);
          assertThat(f.isTransient()).isTrue();
          assertThat(f.getMessage())
              .isEqualTo("postBuild.substituteFrom: Secret/cluster-secrets not found in namespace team-a");
        });
  }

  @Test
  @DisplayName("a key that cannot be a variable fails naming the object and the key, not the value")
  void invalidKey() {
    objects.put("Secret/s", Map.of("db-password", "hunter2"));
    assertThatThrownBy(() -> substituter.resolve(NS, settings(Map.of(), secret("s", false))))
        .isInstanceOfSatisfying(ReconcileFailure.class, f -> {
          assertThat(f.reason()).isEqualTo(FailureReason.SubstitutionFailed);
          assertThat(f.isTransient()).isFalse();
          assertThat(f.getMessage()).contains("Secret/s").contains("db-password").doesNotContain("hunter2");
        });
  }

  @Test
  @DisplayName("the digest follows the values, so a changed ConfigMap renders again")
  void digest() throws Exception {
    objects.put("ConfigMap/v", Map.of("replicas", "2"));
    PostBuildSettings s = settings(Map.of(), cm("v", false));
    String first = substituter.resolve(NS, s).orElseThrow().digest();
    assertThat(substituter.resolve(NS, s).orElseThrow().digest()).isEqualTo(first);
    objects.put("ConfigMap/v", Map.of("replicas", "3"));
    assertThat(substituter.resolve(NS, s).orElseThrow().digest()).isNotEqualTo(first);
    assertThat(substituter.resolve(NS, new PostBuildSettings(Map.of(), List.of(cm("v", false)), false))
        .orElseThrow().digest()).isNotEqualTo(substituter.resolve(NS, s).orElseThrow().digest());
  }

  @Test
  @DisplayName("substitution errors name revision, file, object and variable, never a value")
  void applyFailure() throws Exception {
    objects.put("Secret/s", Map.of("token", "hunter2"));
    Substituter.Variables vars = substituter.resolve(NS, settings(Map.of(), secret("s", false))).orElseThrow();
    List<Manifest> rendered = new ManifestParser().parse("deploy/secret.yaml", """
        apiVersion: v1
        kind: Secret
        metadata: {name: app}
        stringData:
          token: ${token}
          url: https://${host}/
        """);
    assertThatThrownBy(() -> substituter.apply(vars, rendered, "0123456789abcdef0123"))
        .isInstanceOfSatisfying(ReconcileFailure.class, f -> {
          assertThat(f.reason()).isEqualTo(FailureReason.SubstitutionFailed);
          assertThat(f.isTransient()).isFalse();
          assertThat(f.getMessage()).isEqualTo("revision 0123456789ab: deploy/secret.yaml#1 (Secret/app):"
              + " stringData.url: variable \"host\" is not set and has no default");
        });
  }

  @Test
  @DisplayName("the objects get the values, typed as Flux types them")
  void apply() throws Exception {
    objects.put("ConfigMap/v", Map.of("replicas", "4"));
    Substituter.Variables vars = substituter.resolve(NS, settings(Map.of("app", "web"), cm("v", false))).orElseThrow();
    List<Manifest> out = substituter.apply(vars, new ManifestParser().parse("d.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: "${app}"}
        spec: {replicas: "${replicas}"}
        """), "abc");
    assertThat(out.get(0).key().name()).isEqualTo("web");
    assertThat(((Map<?, ?>) out.get(0).body().get("spec")).get("replicas")).isEqualTo(4);
  }
}
