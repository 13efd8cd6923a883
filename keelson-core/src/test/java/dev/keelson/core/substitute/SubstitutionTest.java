package dev.keelson.core.substitute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.manifest.ManifestParser;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Substitution over manifests: typing, keys, the opt-out, errors that name file, object and variable. */
class SubstitutionTest {

  private static final Map<String, String> VARS = Map.ofEntries(
      Map.entry("count", "3"),
      Map.entry("env", "prod"),
      Map.entry("ns", "shop"),
      Map.entry("enabled", "true"),
      Map.entry("ratio", "0.5"),
      Map.entry("image_tag", "1.27"),
      Map.entry("quote", "\""),
      Map.entry("id", "123"),
      Map.entry("list", "[a, b]"),
      Map.entry("label_key", "tier"),
      Map.entry("path", "C:\\temp\\x"),
      Map.entry("weird", "it's \"quoted\" \\ here"));

  private static Manifest parse(String yaml) throws Exception {
    return new ManifestParser().parse("deploy/web.yaml", yaml).get(0);
  }

  private static Manifest strict(String yaml) throws Exception {
    return new Substitution(SubstitutionOptions.strict(VARS)).apply(parse(yaml));
  }

  /** The value at a path of map keys and list indexes. */
  private static Object at(Manifest m, Object... path) {
    Object cur = m.body();
    for (Object p : path) {
      cur = p instanceof Integer i ? ((List<?>) cur).get(i) : ((Map<?, ?>) cur).get(p);
    }
    return cur;
  }

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web-${env}
        namespace: ${ns}
        labels:
          ${label_key}: frontend
          env: "${env}"
      spec:
        replicas: ${count}
        paused: ${enabled}
        template:
          spec:
            containers:
            - name: web
              image: nginx:${image_tag}
              args: ["--ratio=${ratio}", "--flag"]
      """;

  @Nested
  @DisplayName("typed values, as Flux reads the substituted text")
  class Typing {
    @Test
    @DisplayName("replicas: ${count} becomes an integer, ${enabled} a boolean, quoted or not")
    void numbersAndBooleans() throws Exception {
      Manifest m = strict(DEPLOYMENT);
      assertThat(at(m, "spec", "replicas")).isEqualTo(3);
      assertThat(at(m, "spec", "paused")).isEqualTo(true);
      // Flux writes the object again before it substitutes: the quotes in the file are gone by then
      assertThat(at(m, "metadata", "labels", "env")).isEqualTo("prod");
      Manifest n = strict("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data:
            quoted: "${count}"
            ratio: ${ratio}
            tag: ${image_tag}
          """);
      assertThat(at(n, "data", "quoted")).isEqualTo(3);
      assertThat(at(n, "data", "ratio")).isEqualTo(0.5);
      assertThat(at(n, "data", "tag")).isEqualTo(1.27);
    }

    @Test
    @DisplayName("strings that look like numbers or booleans stay strings when they hold no variable")
    void untouchedStringsKeepTheirType() throws Exception {
      Manifest m = strict("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data:
            port: "8080"
            enabled: "true"
            version: "1.10"
            octal: "0644"
            nothing: "null"
            count: ${count}
          """);
      assertThat(at(m, "data", "port")).isEqualTo("8080");
      assertThat(at(m, "data", "enabled")).isEqualTo("true");
      assertThat(at(m, "data", "version")).isEqualTo("1.10");
      assertThat(at(m, "data", "octal")).isEqualTo("0644");
      assertThat(at(m, "data", "nothing")).isEqualTo("null");
      assertThat(at(m, "data", "count")).isEqualTo(3);
    }

    @Test
    @DisplayName("Flux's quote trick keeps a number a string: ${quote}${id}${quote}")
    void quoteTrick() throws Exception {
      Manifest m = strict("""
          apiVersion: v1
          kind: ServiceAccount
          metadata:
            name: app
            annotations:
              id: ${quote}${id}${quote}
          """);
      assertThat(at(m, "metadata", "annotations", "id")).isEqualTo("123");
    }

    @Test
    @DisplayName("text around a variable keeps the value a string; a flow list becomes a list")
    void mixedText() throws Exception {
      Manifest m = strict(DEPLOYMENT);
      assertThat(at(m, "spec", "template", "spec", "containers", 0, "image")).isEqualTo("nginx:1.27");
      assertThat(at(m, "spec", "template", "spec", "containers", 0, "args"))
          .isEqualTo(List.of("--ratio=0.5", "--flag"));
      Manifest n = strict("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data:
            items: ${list}
          """);
      assertThat(at(n, "data", "items")).isEqualTo(List.of("a", "b"));
    }

    @Test
    @DisplayName("an unset variable without strict leaves an empty value, as Flux: null when alone")
    void lenientEmpty() throws Exception {
      Manifest m = new Substitution(SubstitutionOptions.lenient(Map.of())).apply(parse("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data:
            alone: ${missing}
            inText: "x-${missing}-y"
          """));
      assertThat(m.body().get("data")).isEqualTo(mapOf("alone", null, "inText", "x--y"));
    }
  }

  private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  @Nested
  @DisplayName("identity and keys")
  class Identity {
    @Test
    @DisplayName("name and namespace are substituted and the identity is read again; the origin stays")
    void identityIsReadAgain() throws Exception {
      Manifest m = strict(DEPLOYMENT);
      assertThat(m.key()).isEqualTo(new ResourceKey("apps", "Deployment", "shop", "web-prod"));
      assertThat(m.origin()).isEqualTo("deploy/web.yaml#1");
      assertThat(m.apiVersion()).isEqualTo("apps/v1");
    }

    @Test
    @DisplayName("a variable in a key is substituted, and the key stays a string")
    void variableInKey() throws Exception {
      Manifest m = strict(DEPLOYMENT);
      assertThat(at(m, "metadata", "labels")).isEqualTo(Map.of("tier", "frontend", "env", "prod"));
      Manifest n = strict("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data:
            key-${count}: v
          """);
      assertThat(at(n, "data")).isEqualTo(Map.of("key-3", "v"));
    }

    @Test
    @DisplayName("a key that collides with another after substitution is an error")
    void keyCollision() {
      assertThatThrownBy(() -> strict("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data:
            tier: a
            ${label_key}: b
          """))
          .isInstanceOf(SubstitutionException.class)
          .hasMessageContaining("deploy/web.yaml#1 (ConfigMap/c)")
          .hasMessageContaining("same as another key of data");
    }

    @Test
    @DisplayName("two objects with the same identity after substitution are an error")
    void duplicateObjects() throws Exception {
      List<Manifest> both = new ManifestParser().parse("cm.yaml", """
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c-prod}
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: c-${env}
          """);
      assertThatThrownBy(() -> new Substitution(SubstitutionOptions.strict(VARS)).apply(both))
          .isInstanceOf(SubstitutionException.class)
          .hasMessageContaining("cm.yaml#2: after substitution, duplicate object ConfigMap/c-prod")
          .hasMessageContaining("cm.yaml#1");
      List<Manifest> reversed = List.of(both.get(1), both.get(0));
      assertThatThrownBy(() -> new Substitution(SubstitutionOptions.strict(VARS)).apply(reversed))
          .isInstanceOf(SubstitutionException.class)
          .hasMessageContaining("cm.yaml#1: after substitution, duplicate object ConfigMap/c-prod")
          .hasMessageContaining("also defined in cm.yaml#2");
    }

    @Test
    @DisplayName("a name that becomes empty fails as a parsed object would")
    void emptyName() {
      assertThatThrownBy(() -> new Substitution(SubstitutionOptions.strict(Map.of("n", ""))).apply(parse("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: "${n}"}
          """)))
          .isInstanceOf(SubstitutionException.class)
          .hasMessageContaining("deploy/web.yaml#1")
          .hasMessageContaining("missing metadata.name")
          .hasMessageContaining("after substitution");
    }
  }

  @Nested
  @DisplayName("nothing outside ${...} changes")
  class Untouched {
    private static final String SCRIPTS = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: scripts}
        data:
          pattern: '^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$'
          windows: 'C:\\Program Files\\${env}\\bin'
          plain: a\\b\\\\c ${env}
          dollars: "$ $$ $HOME $1 cost: 5$ ${env}"
          script: |
            #!/bin/sh
            echo "$HOME" \\
              "${env}" $$ $${HOME} \\n
            printf '%s\\n' "$1"
          tabbed: "a\\t${env}\\tb"
        """;

    @Test
    @DisplayName("backslashes, lone $, $var, $$ and line breaks stay exactly as they were")
    void backslashesAndDollars() throws Exception {
      Manifest m = strict(SCRIPTS);
      assertThat(at(m, "data", "pattern")).isEqualTo("^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$");
      assertThat(at(m, "data", "windows")).isEqualTo("C:\\Program Files\\prod\\bin");
      assertThat(at(m, "data", "plain")).isEqualTo("a\\b\\\\c prod");
      assertThat(at(m, "data", "dollars")).isEqualTo("$ $$ $HOME $1 cost: 5$ prod");
      assertThat(at(m, "data", "script"))
          .isEqualTo("#!/bin/sh\necho \"$HOME\" \\\n  \"prod\" $$ ${HOME} \\n\nprintf '%s\\n' \"$1\"\n");
      assertThat(at(m, "data", "tabbed")).isEqualTo("a\tprod\tb");
    }

    @Test
    @DisplayName("values with quotes and backslashes land as they are, even in quoted strings")
    void valuesCannotBreakOut() throws Exception {
      Manifest m = strict("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data:
            a: "say: ${weird}"
            b: 'dir: ${path}'
            c: ${path}
          """);
      assertThat(at(m, "data", "a")).isEqualTo("say: it's \"quoted\" \\ here");
      assertThat(at(m, "data", "b")).isEqualTo("dir: C:\\temp\\x");
      assertThat(at(m, "data", "c")).isEqualTo("C:\\temp\\x");
    }

    @Test
    @DisplayName("an object without ${ is returned as it is, the same instance")
    void noExpansion() throws Exception {
      Manifest m = parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: $HOME, b: '\\\\'}\n");
      assertThat(new Substitution(SubstitutionOptions.strict(Map.of())).apply(m)).isSameAs(m);
    }

    @Test
    @DisplayName("the original manifest's body is not changed")
    void originalUnchanged() throws Exception {
      Manifest m = parse(DEPLOYMENT);
      strict(DEPLOYMENT);
      Manifest again = new Substitution(SubstitutionOptions.strict(VARS)).apply(m);
      assertThat(at(m, "spec", "replicas")).isEqualTo("${count}");
      assertThat(at(again, "spec", "replicas")).isEqualTo(3);
    }
  }

  @Nested
  @DisplayName("opting out")
  class Disabled {
    @Test
    @DisplayName("Flux's annotation, Keelson's annotation, or Flux's label leave the object as is, unset variables too")
    void disabledObjects() throws Exception {
      for (String meta : new String[] {
          "annotations: {kustomize.toolkit.fluxcd.io/substitute: disabled}",
          "annotations: {keelson.dev/substitute: disabled}",
          "labels: {kustomize.toolkit.fluxcd.io/substitute: disabled}"}) {
        Manifest m = parse("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              %s
            data: {a: "${missing} ${count}"}
            """.formatted(meta));
        assertThat(new Substitution(SubstitutionOptions.strict(VARS)).apply(m)).isSameAs(m);
      }
    }

    @Test
    @DisplayName("another value of the annotation substitutes as usual")
    void otherValue() throws Exception {
      Manifest m = strict("""
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: c
            annotations: {keelson.dev/substitute: enabled}
          data: {a: "${count}"}
          """);
      assertThat(at(m, "data", "a")).isEqualTo(3);
    }
  }

  @Nested
  @DisplayName("errors name file, object and variable")
  class Errors {
    @Test
    @DisplayName("an unset variable in strict mode")
    void unset() {
      assertThatThrownBy(() -> strict(DEPLOYMENT.replace("${count}", "${replica_count}")))
          .isInstanceOf(SubstitutionException.class)
          .hasMessage("deploy/web.yaml#1 (Deployment.apps/${ns}/web-${env}): spec.replicas: variable"
              + " \"replica_count\" is not set and has no default")
          .satisfies(e -> {
            SubstitutionException s = (SubstitutionException) e;
            assertThat(s.origin()).isEqualTo("deploy/web.yaml#1");
            assertThat(s.variable()).hasValue("replica_count");
            assertThat(s.key()).isPresent();
          });
    }

    @Test
    @DisplayName("an unset variable in a key names the key")
    void unsetInKey() {
      assertThatThrownBy(() -> strict("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c, namespace: ns1}
          data:
            ${nope}: x
          """))
          .hasMessage("deploy/web.yaml#1 (ConfigMap/ns1/c): data[\"${nope}\"] (key): variable \"nope\" is not"
              + " set and has no default");
    }

    @Test
    @DisplayName("a value that is no longer valid YAML after substitution")
    void invalidYaml() {
      Map<String, String> vars = Map.of("v", "a: b", "secret", "*s3cretvalue");
      Substitution s = new Substitution(SubstitutionOptions.strict(vars));
      assertThatThrownBy(() -> s.apply(parse("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data:
            x: ${v}
          """)))
          .isInstanceOf(SubstitutionException.class)
          .hasMessage("deploy/web.yaml#1 (ConfigMap/c): data.x: not valid YAML after substitution"
              + " (mapping values are not allowed here)");
      assertThatThrownBy(() -> s.apply(parse("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data:
            x: ${secret}
          """)))
          .isInstanceOf(SubstitutionException.class)
          .hasMessageContaining("deploy/web.yaml#1 (ConfigMap/c): data.x: not valid YAML after substitution")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    @DisplayName("a malformed expansion names the object and the field")
    void malformed() {
      assertThatThrownBy(() -> strict("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data:
            x: ${count
          """))
          .hasMessage("deploy/web.yaml#1 (ConfigMap/c): data.x: unclosed \"${count\": missing }");
    }

    @Test
    @DisplayName("messages never hold values")
    void noValuesInMessages() {
      Substitution s = new Substitution(SubstitutionOptions.strict(Map.of("token", "s3cret")));
      assertThatThrownBy(() -> s.apply(parse("""
          apiVersion: v1
          kind: Secret
          metadata: {name: s}
          stringData:
            token: ${token}
            other: ${unset}
          """)))
          .satisfies(e -> assertThat(e.getMessage()).contains("unset").doesNotContain("s3cret"));
    }
  }
}
