package dev.keelson.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProjectionTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    try {
      return YAML.readValue(text, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Nested
  @DisplayName("maps")
  class Maps {
    @Test
    @DisplayName("keeps exactly the keys the desired object sets, with the live values")
    void keepsOnlyDesiredKeys() {
      Map<String, Object> desired = yaml("""
          spec:
            replicas: 3
            template:
              spec:
                serviceAccountName: web
          """);
      Map<String, Object> live = yaml("""
          metadata:
            resourceVersion: "42"
          spec:
            replicas: 5
            revisionHistoryLimit: 10
            template:
              spec:
                serviceAccountName: web
                dnsPolicy: ClusterFirst
          status:
            readyReplicas: 5
          """);

      assertThat(Projection.project(desired, live)).isEqualTo(yaml("""
          spec:
            replicas: 5
            template:
              spec:
                serviceAccountName: web
          """));
    }

    @Test
    @DisplayName("a field the desired object sets but the live one lacks projects as null, key kept")
    void missingLiveFieldIsNull() {
      Map<String, Object> desired = yaml("""
          spec:
            replicas: 3
            paused: false
          """);
      Map<String, Object> live = yaml("""
          spec:
            replicas: 3
          """);

      Object projected = Projection.project(desired, live);

      assertThat(JsonValues.path(projected, "spec")).asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("replicas", 3)
          .containsKey("paused");
      assertThat(JsonValues.path(projected, "spec", "paused")).isNull();
    }

    @Test
    @DisplayName("a missing live object projects as null")
    void nullLive() {
      assertThat(Projection.project(yaml("a: 1"), null)).isNull();
    }

    @Test
    @DisplayName("a live value of another type than the desired shape is returned as is")
    void typeMismatchReturnsLive() {
      assertThat(Projection.project(yaml("a: {b: 1}"), yaml("a: text"))).isEqualTo(Map.of("a", "text"));
      assertThat(Projection.project(yaml("a: [1, 2]"), yaml("a: {b: 1}")))
          .isEqualTo(Map.of("a", Map.of("b", 1)));
      assertThat(Projection.project(yaml("a: 1"), yaml("a: {b: 1}")))
          .isEqualTo(Map.of("a", Map.of("b", 1)));
    }

    @Test
    @DisplayName("scalars project to the live scalar whatever the desired value")
    void scalars() {
      assertThat(Projection.project("desired", "live")).isEqualTo("live");
      assertThat(Projection.project(1, 2L)).isEqualTo(2L);
      assertThat(Projection.project(true, null)).isNull();
    }

    @Test
    @DisplayName("an object projected on itself is the object")
    void identity() {
      Map<String, Object> obj = yaml("""
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web, labels: {app: web}}
          spec:
            replicas: 2
            template:
              spec:
                containers:
                - name: app
                  image: nginx
                  args: [a, b]
                  ports: [{containerPort: 80}]
          """);

      assertThat(Projection.project(obj, JsonValues.deepCopy(obj))).isEqualTo(obj);
    }

    @Test
    @DisplayName("neither input is modified")
    void inputsUntouched() {
      Map<String, Object> desired = yaml("""
          spec:
            containers: [{name: a, image: x}]
            args: [one]
          """);
      Map<String, Object> live = yaml("""
          spec:
            containers: [{name: b, image: y}, {name: a, image: z, extra: 1}]
            args: [one, two]
            other: true
          """);
      Map<String, Object> desiredBefore = JsonValues.deepCopy(desired);
      Map<String, Object> liveBefore = JsonValues.deepCopy(live);

      Projection.project(desired, live);

      assertThat(desired).isEqualTo(desiredBefore);
      assertThat(live).isEqualTo(liveBefore);
    }
  }

  @Nested
  @DisplayName("lists of named maps")
  class NamedLists {
    @Test
    @DisplayName("are matched by name, whatever the live order, in the desired order")
    void matchedByName() {
      Map<String, Object> desired = yaml("""
          containers:
          - name: app
            image: app:1
          - name: sidecar
            image: proxy:1
          """);
      Map<String, Object> live = yaml("""
          containers:
          - name: sidecar
            image: proxy:1
            imagePullPolicy: IfNotPresent
          - name: app
            image: app:2
            imagePullPolicy: IfNotPresent
          """);

      assertThat(Projection.project(desired, live)).isEqualTo(yaml("""
          containers:
          - name: app
            image: app:2
          - name: sidecar
            image: proxy:1
          """));
    }

    @Test
    @DisplayName("a live element another manager added is ignored and adds no length marker")
    void extraLiveElementIgnored() {
      Map<String, Object> desired = yaml("""
          containers:
          - name: app
            image: app:1
          """);
      Map<String, Object> live = yaml("""
          containers:
          - name: injected
            image: mesh:1
          - name: app
            image: app:1
          """);

      assertThat(Projection.project(desired, live)).isEqualTo(desired);
    }

    @Test
    @DisplayName("a desired element absent from the live list projects as null in its slot")
    void missingNamedElement() {
      Map<String, Object> desired = yaml("""
          env:
          - name: A
            value: "1"
          - name: B
            value: "2"
          """);
      Map<String, Object> live = yaml("""
          env:
          - name: A
            value: "1"
          """);

      List<Object> expected = new ArrayList<>();
      expected.add(Map.of("name", "A", "value", "1"));
      expected.add(null);
      assertThat(Projection.project(desired, live)).isEqualTo(Map.of("env", expected));
    }

    @Test
    @DisplayName("matching by name applies at every depth (containers, then their env)")
    void nestedNamedLists() {
      Map<String, Object> desired = yaml("""
          containers:
          - name: app
            env:
            - name: MODE
              value: prod
          """);
      Map<String, Object> live = yaml("""
          containers:
          - name: other
            env: [{name: MODE, value: dev}]
          - name: app
            env:
            - name: INJECTED
              value: x
            - name: MODE
              value: staging
          """);

      assertThat(Projection.project(desired, live)).isEqualTo(yaml("""
          containers:
          - name: app
            env:
            - name: MODE
              value: staging
          """));
    }
  }

  @Nested
  @DisplayName("other lists")
  class UnnamedLists {
    @Test
    @DisplayName("scalars are matched by position and equal lengths add no marker")
    void byIndexSameLength() {
      assertThat(Projection.project(yaml("args: [a, b]"), yaml("args: [a, c]")))
          .isEqualTo(Map.of("args", List.of("a", "c")));
    }

    @Test
    @DisplayName("a longer live list adds a $length marker with the live length")
    void longerLiveList() {
      assertThat(Projection.project(yaml("args: [a, b]"), yaml("args: [a, b, c]")))
          .isEqualTo(Map.of("args", List.of("a", "b", Map.of("$length", 3))));
    }

    @Test
    @DisplayName("a shorter live list projects missing positions as null and adds a $length marker")
    void shorterLiveList() {
      List<Object> expected = new ArrayList<>();
      expected.add("a");
      expected.add(null);
      expected.add(Map.of("$length", 1));
      assertThat(Projection.project(yaml("args: [a, b]"), yaml("args: [a]")))
          .isEqualTo(Map.of("args", expected));
    }

    @Test
    @DisplayName("an empty desired list against a non-empty live list is only the length marker")
    void emptyDesiredList() {
      assertThat(Projection.project(yaml("args: []"), yaml("args: [x]")))
          .isEqualTo(Map.of("args", List.of(Map.of("$length", 1))));
      assertThat(Projection.project(yaml("args: []"), yaml("args: []")))
          .isEqualTo(Map.of("args", List.of()));
    }

    @Test
    @DisplayName("maps without a name are matched by position and projected on their own shape")
    void unnamedMapsByIndex() {
      Map<String, Object> desired = yaml("""
          ports:
          - containerPort: 80
          - containerPort: 443
          """);
      Map<String, Object> live = yaml("""
          ports:
          - containerPort: 8080
            protocol: TCP
          - containerPort: 443
            protocol: TCP
          """);

      assertThat(Projection.project(desired, live)).isEqualTo(yaml("""
          ports:
          - containerPort: 8080
          - containerPort: 443
          """));
    }

    @Test
    @DisplayName("a list where only some maps are named still gets a length marker")
    void partlyNamedListGetsMarker() {
      Map<String, Object> desired = yaml("""
          items:
          - name: a
            v: 1
          - v: 2
          """);
      Map<String, Object> live = yaml("""
          items:
          - name: a
            v: 1
          - v: 2
          - v: 3
          """);

      Object projected = Projection.project(desired, live);

      assertThat(JsonValues.path(projected, "items")).asInstanceOf(InstanceOfAssertFactories.LIST)
          .hasSize(3)
          .endsWith(Map.of("$length", 3));
    }

    @Test
    @DisplayName("a live list of another length never projects like one of the same length")
    void lengthChangeIsVisible() {
      Map<String, Object> desired = yaml("args: [a]");
      Object same = Projection.project(desired, yaml("args: [a]"));
      Object longer = Projection.project(desired, yaml("args: [a, b]"));

      assertThat(same).isNotEqualTo(longer);
    }
  }

  @Test
  @DisplayName("the projection is built from fresh containers, not the live ones")
  void freshContainers() {
    Map<String, Object> live = new LinkedHashMap<>(yaml("spec: {a: 1, b: 2}"));
    @SuppressWarnings("unchecked")
    Map<String, Object> projected = (Map<String, Object>) Projection.project(yaml("spec: {a: 0}"), live);

    assertThat(projected.get("spec")).isNotSameAs(live.get("spec"));
  }
}
