package dev.keelson.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.model.ResourceKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class IgnoredFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceKey WEB = new ResourceKey("apps", "Deployment", "shop", "web");

  /** JSON written with ' for " (and ` for an escaped quote inside a string), to keep tests readable. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    try {
      return JSON.readValue(text.replace("'", "\"").replace("`", "\\\""), LinkedHashMap.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<Object> path(Object... steps) {
    return Arrays.asList(steps);
  }

  /** Sets a value in an object built for an expectation; the maps on the way exist already. */
  private static void put(Map<String, Object> object, List<Object> path, Object value) {
    PathEdits.set(object, path, value, object);
  }

  private static IgnoreRule pointers(String... pointers) {
    return new IgnoreRule("apps", "Deployment", null, null, List.of(pointers), null);
  }

  private static IgnoreRule managers(String... managers) {
    return new IgnoreRule("apps", "Deployment", null, null, null, List.of(managers));
  }

  /** Live object with the given managedFields entries (a JSON array, written as for json()). */
  private static Map<String, Object> liveWithManagedFields(String body, String managedFields) {
    Map<String, Object> live = json(body);
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) live.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    metadata.put("managedFields", json("{'entries': " + managedFields + "}").get("entries"));
    return live;
  }

  /**
   * A Deployment as the API server returns it after Keelson applied it, an autoscaler scaled it
   * through the scale subresource, the deployment controller updated its status, and a resource
   * tuner set the app container's requests. Containers are [sidecar, app], so the app container's
   * fields sit at index 1.
   */
  private static final String SCALED_DEPLOYMENT = """
      {
        'apiVersion': 'apps/v1',
        'kind': 'Deployment',
        'metadata': {
          'name': 'web',
          'namespace': 'shop',
          'generation': 4,
          'annotations': {
            'deployment.kubernetes.io/revision': '3',
            'keelson.dev/tracking-id': 'keelson/web:apps/Deployment:shop/web'
          },
          'managedFields': [
            {
              'manager': 'keelson', 'operation': 'Apply', 'apiVersion': 'apps/v1',
              'time': '2026-01-05T10:00:00Z', 'fieldsType': 'FieldsV1',
              'fieldsV1': {
                'f:metadata': {'f:annotations': {'f:keelson.dev/tracking-id': {}}},
                'f:spec': {
                  'f:selector': {},
                  'f:template': {
                    'f:metadata': {'f:labels': {'f:app': {}}},
                    'f:spec': {
                      'f:containers': {
                        'k:{`name`:`app`}': {
                          '.': {}, 'f:image': {}, 'f:name': {},
                          'f:ports': {
                            'k:{`containerPort`:8080,`protocol`:`TCP`}': {'.': {}, 'f:containerPort': {}, 'f:protocol': {}}
                          }
                        },
                        'k:{`name`:`sidecar`}': {'.': {}, 'f:image': {}, 'f:name': {}}
                      }
                    }
                  }
                }
              }
            },
            {
              'manager': 'kube-controller-manager', 'operation': 'Update', 'apiVersion': 'apps/v1',
              'time': '2026-01-05T10:05:00Z', 'fieldsType': 'FieldsV1', 'subresource': 'scale',
              'fieldsV1': {'f:spec': {'f:replicas': {}}}
            },
            {
              'manager': 'kube-controller-manager', 'operation': 'Update', 'apiVersion': 'apps/v1',
              'time': '2026-01-05T10:05:30Z', 'fieldsType': 'FieldsV1', 'subresource': 'status',
              'fieldsV1': {
                'f:metadata': {'f:annotations': {'f:deployment.kubernetes.io/revision': {}}},
                'f:status': {
                  'f:availableReplicas': {},
                  'f:conditions': {
                    '.': {},
                    'k:{`type`:`Available`}': {'.': {}, 'f:status': {}, 'f:type': {}}
                  }
                }
              }
            },
            {
              'manager': 'resource-tuner', 'operation': 'Update', 'apiVersion': 'apps/v1',
              'time': '2026-01-05T10:06:00Z', 'fieldsType': 'FieldsV1',
              'fieldsV1': {
                'f:spec': {'f:template': {'f:spec': {'f:containers': {
                  'k:{`name`:`app`}': {'f:resources': {'f:requests': {'f:cpu': {}, 'f:memory': {}}}}
                }}}}
              }
            }
          ]
        },
        'spec': {
          'replicas': 7,
          'selector': {'matchLabels': {'app': 'web'}},
          'template': {
            'metadata': {'labels': {'app': 'web'}},
            'spec': {
              'containers': [
                {'name': 'sidecar', 'image': 'envoy:1.30'},
                {
                  'name': 'app', 'image': 'web:2.0',
                  'ports': [{'containerPort': 8080, 'protocol': 'TCP'}],
                  'resources': {'requests': {'cpu': '750m', 'memory': '1Gi'}}
                }
              ]
            }
          }
        },
        'status': {
          'availableReplicas': 7,
          'conditions': [{'type': 'Available', 'status': 'True'}]
        }
      }
      """;

  /** What Git says: 3 replicas, no requests; the image is new. */
  private static final String DESIRED_DEPLOYMENT = """
      {
        'apiVersion': 'apps/v1',
        'kind': 'Deployment',
        'metadata': {'name': 'web', 'namespace': 'shop'},
        'spec': {
          'replicas': 3,
          'selector': {'matchLabels': {'app': 'web'}},
          'template': {
            'metadata': {'labels': {'app': 'web'}},
            'spec': {
              'containers': [
                {'name': 'sidecar', 'image': 'envoy:1.30'},
                {'name': 'app', 'image': 'web:2.1', 'ports': [{'containerPort': 8080, 'protocol': 'TCP'}]}
              ]
            }
          }
        }
      }
      """;

  @Nested
  @DisplayName("a Deployment scaled by an autoscaler (worked example)")
  class ScaledDeployment {
    private final Map<String, Object> live = json(SCALED_DEPLOYMENT);
    private final Map<String, Object> desired = json(DESIRED_DEPLOYMENT);
    private final List<IgnoreRule> rules = List.of(managers("kube-controller-manager", "resource-tuner"));

    @Test
    @DisplayName("the managers' fields are every leaf they own, list elements found by their keys")
    void paths() {
      assertThat(IgnoredFields.paths(rules, WEB, live)).containsExactly(
          path("spec", "replicas"),
          path("metadata", "annotations", "deployment.kubernetes.io/revision"),
          path("status", "availableReplicas"),
          path("status", "conditions"),
          path("status", "conditions", 0),
          path("status", "conditions", 0, "status"),
          path("status", "conditions", 0, "type"),
          path("spec", "template", "spec", "containers", 1, "resources", "requests", "cpu"),
          path("spec", "template", "spec", "containers", 1, "resources", "requests", "memory"));
    }

    @Test
    @DisplayName("fields of managers the rule does not name are not ignored")
    void otherManagers() {
      assertThat(IgnoredFields.paths(List.of(managers("resource-tuner")), WEB, live)).containsExactly(
          path("spec", "template", "spec", "containers", 1, "resources", "requests", "cpu"),
          path("spec", "template", "spec", "containers", 1, "resources", "requests", "memory"));
    }

    @Test
    @DisplayName("compared without those fields, only the image differs")
    void compare() {
      List<List<Object>> paths = IgnoredFields.paths(rules, WEB, live);

      Map<String, Object> liveSeen = IgnoredFields.removeFrom(live, paths);
      Map<String, Object> desiredSeen = IgnoredFields.removeFrom(desired, paths);

      assertThat(JsonValues.path(desiredSeen, "spec")).asInstanceOf(
          InstanceOfAssertFactories.MAP).doesNotContainKey("replicas");
      assertThat(JsonValues.path(liveSeen, "spec")).asInstanceOf(
          InstanceOfAssertFactories.MAP).doesNotContainKey("replicas");
      Object projected = Projection.project(desiredSeen, liveSeen);
      Map<String, Object> expected = JsonValues.deepCopy(desiredSeen);
      put(expected, path("spec", "template", "spec", "containers", 1, "image"), "web:2.0");
      assertThat(projected).isEqualTo(expected);
    }

    @Test
    @DisplayName("applied, desired keeps the live replicas and requests, and its own image")
    void apply() {
      Map<String, Object> applied = IgnoredFields.keepLive(desired, live, IgnoredFields.paths(rules, WEB, live));

      Map<String, Object> expected = json(DESIRED_DEPLOYMENT);
      put(expected, path("spec", "replicas"), 7);
      put(expected, path("spec", "template", "spec", "containers", 1, "resources"),
          json("{'requests': {'cpu': '750m', 'memory': '1Gi'}}"));
      // The status and annotation fields the controller owns come along from live too: a server-side
      // apply drops status, and the revision annotation stays the controller's value.
      put(expected, path("metadata", "annotations"), json("{'deployment.kubernetes.io/revision': '3'}"));
      put(expected, path("status"), json(
          "{'availableReplicas': 7, 'conditions': [{'type': 'Available', 'status': 'True'}]}"));
      assertThat(applied).isEqualTo(expected);
    }

    @Test
    @DisplayName("a pointer rule and a manager rule add up")
    void pointerAndManager() {
      List<IgnoreRule> both = List.of(pointers("/spec/template/spec/containers/0/image"), managers("resource-tuner"));

      assertThat(IgnoredFields.paths(both, WEB, live)).containsExactly(
          path("spec", "template", "spec", "containers", 0, "image"),
          path("spec", "template", "spec", "containers", 1, "resources", "requests", "cpu"),
          path("spec", "template", "spec", "containers", 1, "resources", "requests", "memory"));
    }
  }

  @Nested
  @DisplayName("paths from JSON pointers")
  class Pointers {
    private final Map<String, Object> live = json("""
        {'apiVersion': 'apps/v1', 'kind': 'Deployment',
         'metadata': {'name': 'web', 'namespace': 'shop',
                      'annotations': {'example.com/revision': '1', 'a~b': 'x', '~1': 'y'}},
         'spec': {'replicas': 2, 'items': {'0': 'map key, not index'},
                  'template': {'spec': {'containers': [{'name': 'app', 'image': 'web:1'}]}}}}
        """);

    @Test
    @DisplayName("a pointer to a map field is its keys")
    void mapField() {
      assertThat(IgnoredFields.paths(List.of(pointers("/spec/replicas")), WEB, live))
          .containsExactly(path("spec", "replicas"));
    }

    @Test
    @DisplayName("~1 is '/' and ~0 is '~', and ~01 is '~1', not '/'")
    void escaping() {
      List<IgnoreRule> rules = List.of(pointers(
          "/metadata/annotations/example.com~1revision", "/metadata/annotations/a~0b", "/metadata/annotations/~01"));

      assertThat(IgnoredFields.paths(rules, WEB, live)).containsExactly(
          path("metadata", "annotations", "example.com/revision"),
          path("metadata", "annotations", "a~b"),
          path("metadata", "annotations", "~1"));
    }

    @Test
    @DisplayName("a token into a live list is an index; into a map it stays a key even if numeric")
    void listIndex() {
      List<IgnoreRule> rules = List.of(pointers("/spec/template/spec/containers/0/image", "/spec/items/0"));

      assertThat(IgnoredFields.paths(rules, WEB, live)).containsExactly(
          path("spec", "template", "spec", "containers", 0, "image"),
          path("spec", "items", "0"));
    }

    @Test
    @DisplayName("an index beyond the live list is still an index")
    void indexBeyondList() {
      assertThat(IgnoredFields.paths(List.of(pointers("/spec/template/spec/containers/3/image")), WEB, live))
          .containsExactly(path("spec", "template", "spec", "containers", 3, "image"));
    }

    @Test
    @DisplayName("a field live lacks is still a path, so that desired can drop it")
    void missingInLive() {
      assertThat(IgnoredFields.paths(List.of(pointers("/spec/paused", "/spec/strategy/rollingUpdate/0")), WEB, live))
          .containsExactly(path("spec", "paused"), path("spec", "strategy", "rollingUpdate", "0"));
    }

    @Test
    @DisplayName("without a live object, pointers are their tokens")
    void noLive() {
      assertThat(IgnoredFields.paths(List.of(pointers("/spec/template/spec/containers/0/image")), WEB, null))
          .containsExactly(path("spec", "template", "spec", "containers", "0", "image"));
    }

    @Test
    @DisplayName("only rules matching the object count, and a path named twice comes once")
    void matchingRulesOnly() {
      List<IgnoreRule> rules = List.of(
          pointers("/spec/replicas"),
          new IgnoreRule("", "ConfigMap", null, null, List.of("/data"), null),
          new IgnoreRule("apps", "Deployment", "api", null, List.of("/spec/paused"), null),
          new IgnoreRule("apps", "Deployment", "web", "shop", List.of("/spec/replicas", "/spec/selector"), null));

      assertThat(IgnoredFields.paths(rules, WEB, live))
          .containsExactly(path("spec", "replicas"), path("spec", "selector"));
      assertThat(IgnoredFields.paths(List.of(), WEB, live)).isEmpty();
    }

    @Test
    @DisplayName("the object's identity is never ignored")
    void identityProtected() {
      List<IgnoreRule> rules = List.of(pointers(
          "", "/kind", "/apiVersion", "/metadata", "/metadata/name", "/metadata/namespace", "/metadata/labels"));

      assertThat(IgnoredFields.paths(rules, WEB, live)).containsExactly(path("metadata", "labels"));
    }

    @Test
    @DisplayName("the paths returned cannot be changed")
    void immutable() {
      List<List<Object>> paths = IgnoredFields.paths(List.of(pointers("/spec/replicas")), WEB, live);

      assertThat(paths).isUnmodifiable();
      assertThat(paths.get(0)).isUnmodifiable();
    }
  }

  @Nested
  @DisplayName("paths from managedFields")
  class ManagedFields {
    @Test
    @DisplayName("'.' ignores the node itself: a list element's whole content")
    void dot() {
      Map<String, Object> live = liveWithManagedFields(
          "{'spec': {'template': {'spec': {'containers': [{'name': 'app'}, {'name': 'istio-proxy', 'image': 'proxy'}]}}}}",
          "[{'manager': 'injector', 'fieldsV1': {'f:spec': {'f:template': {'f:spec': {'f:containers': {"
              + "'k:{`name`:`istio-proxy`}': {'.': {}, 'f:image': {}}}}}}}}]");

      assertThat(IgnoredFields.paths(List.of(managers("injector")), WEB, live)).containsExactly(
          path("spec", "template", "spec", "containers", 1),
          path("spec", "template", "spec", "containers", 1, "image"));
    }

    @Test
    @DisplayName("k: with several fields matches numbers by value")
    void compositeKey() {
      Map<String, Object> live = liveWithManagedFields(
          "{'spec': {'ports': [{'port': 80, 'protocol': 'UDP', 'name': 'dns'}, {'port': 80, 'protocol': 'TCP'}]}}",
          "[{'manager': 'm', 'fieldsV1': {'f:spec': {'f:ports': {"
              + "'k:{`port`:80,`protocol`:`TCP`}': {'f:targetPort': {}}}}}}]");
      put(live, path("spec", "ports", 1, "port"), 80L);

      assertThat(IgnoredFields.paths(List.of(managers("m")), WEB, live))
          .containsExactly(path("spec", "ports", 1, "targetPort"));
    }

    @Test
    @DisplayName("v: selects the list element equal to the value, i: the element at the index")
    void valueAndIndex() {
      Map<String, Object> live = liveWithManagedFields(
          "{'metadata': {'finalizers': ['a.example.com/x', 'b.example.com/y']}, 'spec': {'args': ['-v', '--fast']}}",
          "[{'manager': 'm', 'fieldsV1': {'f:metadata': {'f:finalizers': {'v:`b.example.com/y`': {}}},"
              + " 'f:spec': {'f:args': {'i:1': {}}}}}]");

      assertThat(IgnoredFields.paths(List.of(managers("m")), WEB, live))
          .containsExactly(path("metadata", "finalizers", 1), path("spec", "args", 1));
    }

    @Test
    @DisplayName("elements the live list no longer has, and unreadable keys, are passed over")
    void missingElements() {
      Map<String, Object> live = liveWithManagedFields(
          "{'spec': {'containers': [{'name': 'app'}], 'args': ['-v']}}",
          "[{'manager': 'm', 'fieldsV1': {'f:spec': {"
              + "'f:containers': {'k:{`name`:`gone`}': {'f:image': {}}, 'k:{not json}': {}, 'k:[1]': {}},"
              + "'f:args': {'v:`-q`': {}, 'v:null': {}, 'i:5': {}, 'i:x': {}, 'v:{bad': {}},"
              + "'x:what': {}, 'f:replicas': {}}}}]");

      assertThat(IgnoredFields.paths(List.of(managers("m")), WEB, live)).containsExactly(path("spec", "replicas"));
    }

    @Test
    @DisplayName("a leaf live lacks is still a path")
    void leafMissingInLive() {
      Map<String, Object> live = liveWithManagedFields(
          "{'spec': {}}", "[{'manager': 'm', 'fieldsV1': {'f:spec': {'f:paused': {}}}}]");

      assertThat(IgnoredFields.paths(List.of(managers("m")), WEB, live)).containsExactly(path("spec", "paused"));
    }

    @Test
    @DisplayName("malformed managedFields are passed over, not failed on")
    void malformed() {
      Map<String, Object> live = liveWithManagedFields("{'spec': {'replicas': 1}}", """
          [
            'not an entry',
            {'manager': 'm', 'fieldsV1': 'not a map'},
            {'manager': 'm', 'fieldsType': 'FieldsV2', 'fieldsV1': {'f:spec': {'f:replicas': {}}}},
            {'manager': 'm', 'fieldsV1': {'f:spec': 'not a map', 'f:status': {'f:phase': 'not a map'}}},
            {'fieldsV1': {'f:spec': {'f:replicas': {}}}}
          ]
          """);

      assertThat(IgnoredFields.paths(List.of(managers("m")), WEB, live)).isEmpty();

      Map<String, Object> odd = json("{'metadata': {'managedFields': {'manager': 'm'}}}");
      assertThat(IgnoredFields.paths(List.of(managers("m")), WEB, odd)).isEmpty();
    }

    @Test
    @DisplayName("a manager owning the object's identity or metadata as a whole does not make them ignored")
    void identityProtected() {
      Map<String, Object> live = liveWithManagedFields("{'metadata': {'name': 'web', 'labels': {'a': 'b'}}}",
          "[{'manager': 'm', 'fieldsV1': {'.': {}, 'f:kind': {}, 'f:apiVersion': {},"
              + " 'f:metadata': {'.': {}, 'f:name': {}, 'f:namespace': {}, 'f:labels': {'f:a': {}}}}}]");

      assertThat(IgnoredFields.paths(List.of(managers("m")), WEB, live))
          .containsExactly(path("metadata", "labels", "a"));
    }

    @Test
    @DisplayName("without a live object there are no managed fields")
    void noLive() {
      assertThat(IgnoredFields.paths(List.of(managers("kube-controller-manager")), WEB, null)).isEmpty();
    }
  }

  @Nested
  @DisplayName("removeFrom")
  class RemoveFrom {
    private final Map<String, Object> object = json("""
        {'spec': {'replicas': 2, 'args': ['a', 'b', 'c', 'd'],
                  'containers': [{'name': 'app', 'image': 'web:1', 'env': [{'name': 'A'}]}]}}
        """);

    @Test
    @DisplayName("drops map fields and list elements, leaving the rest")
    void removes() {
      Map<String, Object> out = IgnoredFields.removeFrom(object,
          List.of(path("spec", "replicas"), path("spec", "containers", 0, "env", 0)));

      assertThat(out).isEqualTo(json(
          "{'spec': {'args': ['a', 'b', 'c', 'd'], 'containers': [{'name': 'app', 'image': 'web:1', 'env': []}]}}"));
    }

    @Test
    @DisplayName("indices all refer to the list before any removal")
    void indicesStable() {
      Map<String, Object> out = IgnoredFields.removeFrom(object,
          List.of(path("spec", "args", 0), path("spec", "args", 2), path("spec", "args", 3)));

      assertThat(JsonValues.path(out, "spec", "args")).isEqualTo(List.of("b"));
    }

    @Test
    @DisplayName("a numeric key token addresses a list element too")
    void numericToken() {
      Map<String, Object> out = IgnoredFields.removeFrom(object, List.of(path("spec", "args", "1")));

      assertThat(JsonValues.path(out, "spec", "args")).isEqualTo(List.of("a", "c", "d"));
    }

    @Test
    @DisplayName("paths that are not there, or run through a scalar or a mismatched type, change nothing")
    void missing() {
      Map<String, Object> out = IgnoredFields.removeFrom(object, List.of(
          path("spec", "paused"), path("spec", "args", 9), path("spec", "replicas", "x"),
          path("spec", "containers", "app"), path("spec", 0), path("status", "phase"), path(), path("spec", "args", "-")));

      assertThat(out).isEqualTo(object);
    }

    @Test
    @DisplayName("the input is not modified and null stays null")
    void inputUntouched() {
      Map<String, Object> before = JsonValues.deepCopy(object);

      IgnoredFields.removeFrom(object, List.of(path("spec", "replicas"), path("spec", "args", 0)));

      assertThat(object).isEqualTo(before);
      assertThat(IgnoredFields.removeFrom(null, List.of(path("spec")))).isNull();
    }
  }

  @Nested
  @DisplayName("keepLive")
  class KeepLive {
    private final Map<String, Object> desired = json("""
        {'spec': {'replicas': 3, 'paused': false, 'args': ['-v'],
                  'containers': [{'name': 'app', 'image': 'web:2'}]}}
        """);
    private final Map<String, Object> live = json("""
        {'spec': {'replicas': 7, 'args': ['-q', '--fast'],
                  'containers': [{'name': 'app', 'image': 'web:1', 'resources': {'limits': {'cpu': '1'}}},
                                 {'name': 'proxy', 'image': 'envoy'}],
                  'strategy': {'rollingUpdate': {'maxSurge': 1}}}}
        """);

    @Test
    @DisplayName("takes the live value of a field desired sets too")
    void liveValue() {
      Map<String, Object> out = IgnoredFields.keepLive(desired, live, List.of(path("spec", "replicas")));

      assertThat(JsonValues.path(out, "spec", "replicas")).isEqualTo(7);
      assertThat(JsonValues.path(out, "spec", "paused")).isEqualTo(false);
    }

    @Test
    @DisplayName("adds a live field desired lacks, creating the maps on the way")
    void createsMaps() {
      Map<String, Object> out = IgnoredFields.keepLive(desired, live, List.of(
          path("spec", "strategy", "rollingUpdate", "maxSurge"),
          path("spec", "containers", 0, "resources", "limits", "cpu")));

      assertThat(JsonValues.path(out, "spec", "strategy")).isEqualTo(Map.of("rollingUpdate", Map.of("maxSurge", 1)));
      assertThat(out).extracting(o -> PathEdits.get(o, path("spec", "containers", 0, "resources")))
          .isEqualTo(Map.of("limits", Map.of("cpu", "1")));
    }

    @Test
    @DisplayName("drops a field live does not have")
    void dropsAbsent() {
      Map<String, Object> out = IgnoredFields.keepLive(desired, live, List.of(path("spec", "paused")));

      assertThat(JsonValues.path(out, "spec")).asInstanceOf(
          InstanceOfAssertFactories.MAP).doesNotContainKey("paused");
    }

    @Test
    @DisplayName("a list element is set only when desired has it; none is created")
    void listElements() {
      Map<String, Object> out = IgnoredFields.keepLive(desired, live, List.of(
          path("spec", "args", 0), path("spec", "args", 1), path("spec", "containers", 1, "image")));

      assertThat(JsonValues.path(out, "spec", "args")).isEqualTo(List.of("-q"));
      assertThat(JsonValues.path(out, "spec", "containers")).asList().hasSize(1);
    }

    @Test
    @DisplayName("a whole list takes the live list")
    void wholeList() {
      Map<String, Object> out = IgnoredFields.keepLive(desired, live, List.of(path("spec", "args")));

      assertThat(JsonValues.path(out, "spec", "args")).isEqualTo(List.of("-q", "--fast"));
    }

    @Test
    @DisplayName("a list element live lacks is removed without moving the others under later paths")
    void removesListElements() {
      Map<String, Object> many = json("{'spec': {'args': ['a', 'b', 'c']}}");
      Map<String, Object> shorter = json("{'spec': {'args': ['A']}}");

      Map<String, Object> out = IgnoredFields.keepLive(many, shorter, List.of(
          path("spec", "args", 0), path("spec", "args", 1), path("spec", "args", 2)));

      assertThat(JsonValues.path(out, "spec", "args")).isEqualTo(List.of("A"));
    }

    @Test
    @DisplayName("a map is never created where live has a list")
    void noMapForList() {
      List<List<Object>> untyped = IgnoredFields.paths(List.of(pointers("/spec/args/0")), WEB, null);

      Map<String, Object> out = IgnoredFields.keepLive(json("{'spec': {}}"), live, untyped);

      assertThat(out).isEqualTo(json("{'spec': {}}"));
    }

    @Test
    @DisplayName("when desired holds a scalar where live has a map, desired keeps its value")
    void typeMismatch() {
      Map<String, Object> out = IgnoredFields.keepLive(json("{'spec': {'strategy': 'Recreate'}}"), live,
          List.of(path("spec", "strategy", "rollingUpdate", "maxSurge")));

      assertThat(JsonValues.path(out, "spec", "strategy")).isEqualTo("Recreate");
    }

    @Test
    @DisplayName("without a live object desired is returned unchanged")
    void noLive() {
      Map<String, Object> out = IgnoredFields.keepLive(desired, null, List.of(path("spec", "replicas")));

      assertThat(out).isEqualTo(desired);
    }

    @Test
    @DisplayName("neither input is modified, and the result shares nothing with live")
    @SuppressWarnings("unchecked")
    void independent() {
      Map<String, Object> desiredBefore = JsonValues.deepCopy(desired);
      Map<String, Object> liveBefore = JsonValues.deepCopy(live);

      Map<String, Object> out = IgnoredFields.keepLive(desired, live, List.of(path("spec", "strategy"), path("spec", "paused")));
      ((Map<String, Object>) JsonValues.path(out, "spec", "strategy", "rollingUpdate")).put("maxSurge", 99);

      assertThat(desired).isEqualTo(desiredBefore);
      assertThat(live).isEqualTo(liveBefore);
    }

    @Test
    @DisplayName("pointer paths typed without live (numeric strings) still reach list elements")
    void untypedPointerPaths() {
      List<List<Object>> paths =
          IgnoredFields.paths(List.of(pointers("/spec/containers/0/image")), WEB, null);

      Map<String, Object> out = IgnoredFields.keepLive(desired, live, paths);

      assertThat(PathEdits.get(out, path("spec", "containers", 0, "image"))).isEqualTo("web:1");
    }
  }
}
