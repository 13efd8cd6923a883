package dev.keelson.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.diff.JsonValues;
import dev.keelson.core.model.ResourceKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingMarkTest {
  private static final AppRef APP = new AppRef("keelson", "web");
  private static final ResourceKey DEPLOYMENT = new ResourceKey("apps", "Deployment", "shop", "web");
  private static final ResourceKey CONFIGMAP = new ResourceKey("", "ConfigMap", "shop", "cfg");
  private static final ResourceKey CLUSTER_ROLE =
      new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "reader");
  private static final ResourceKey NAMESPACE = new ResourceKey("", "Namespace", "", "shop");

  /** A label value as Kubernetes validates it. */
  private static final String LABEL_VALUE = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

  private static Map<String, Object> object(String name) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", "shop");
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", "apps/v1");
    obj.put("kind", "Deployment");
    obj.put("metadata", metadata);
    obj.put("spec", new LinkedHashMap<>(Map.of("replicas", 1)));
    return obj;
  }

  @Nested
  @DisplayName("trackingId")
  class TrackingId {
    @Test
    @DisplayName("is <appNs>/<app>:<group>/<kind>:<ns>/<name>")
    void format() {
      assertThat(TrackingMark.trackingId(APP, DEPLOYMENT)).isEqualTo("keelson/web:apps/Deployment:shop/web");
    }

    @Test
    @DisplayName("leaves the group empty for the core group")
    void coreGroup() {
      assertThat(TrackingMark.trackingId(APP, CONFIGMAP)).isEqualTo("keelson/web:/ConfigMap:shop/cfg");
    }

    @Test
    @DisplayName("leaves the namespace empty for cluster-scoped objects")
    void clusterScoped() {
      assertThat(TrackingMark.trackingId(APP, CLUSTER_ROLE))
          .isEqualTo("keelson/web:rbac.authorization.k8s.io/ClusterRole:/reader");
      assertThat(TrackingMark.trackingId(APP, NAMESPACE)).isEqualTo("keelson/web:/Namespace:/shop");
    }

    @Test
    @DisplayName("differs between apps and between objects")
    void distinct() {
      String id = TrackingMark.trackingId(APP, DEPLOYMENT);

      assertThat(TrackingMark.trackingId(new AppRef("other", "web"), DEPLOYMENT)).isNotEqualTo(id);
      assertThat(TrackingMark.trackingId(new AppRef("keelson", "api"), DEPLOYMENT)).isNotEqualTo(id);
      assertThat(TrackingMark.trackingId(APP, DEPLOYMENT.withNamespace("prod"))).isNotEqualTo(id);
      assertThat(TrackingMark.trackingId(APP, new ResourceKey("apps", "StatefulSet", "shop", "web")))
          .isNotEqualTo(id);
    }
  }

  @Nested
  @DisplayName("appOf")
  class AppOf {
    @Test
    @DisplayName("reads back the app of any tracking id")
    void roundTrip() {
      for (ResourceKey key : List.of(DEPLOYMENT, CONFIGMAP, CLUSTER_ROLE, NAMESPACE)) {
        assertThat(TrackingMark.appOf(TrackingMark.trackingId(APP, key))).contains(APP);
      }
      AppRef dotted = new AppRef("team-a", "web.frontend-v2");
      assertThat(TrackingMark.appOf(TrackingMark.trackingId(dotted, DEPLOYMENT))).contains(dotted);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
      "garbage",
      "keelson/web",
      "keelson:web",
      "web:apps/Deployment:shop/web",
      ":/"
    })
    @DisplayName("is empty for anything that is not a tracking id")
    void rejectsGarbage(String text) {
      assertThat(TrackingMark.appOf(text)).isEmpty();
    }
  }

  @Nested
  @DisplayName("labelValue")
  class LabelValue {
    @Test
    @DisplayName("is <namespace>.<name> for short names")
    void plain() {
      assertThat(TrackingMark.labelValue(APP)).isEqualTo("keelson.web");
    }

    @Test
    @DisplayName("keeps a value of exactly 63 characters as is")
    void exactly63() {
      AppRef app = new AppRef("ns", "a".repeat(60));

      assertThat(TrackingMark.labelValue(app)).isEqualTo("ns." + "a".repeat(60)).hasSize(63);
    }

    @Test
    @DisplayName("shortens longer values to 63 characters: a prefix, a dash and a hash")
    void hashed() {
      AppRef app = new AppRef("payments-production", "checkout-service-with-a-very-long-name-indeed");
      String plain = "payments-production.checkout-service-with-a-very-long-name-indeed";

      String value = TrackingMark.labelValue(app);

      assertThat(plain.length()).isGreaterThan(63);
      assertThat(value).hasSize(63)
          .startsWith(plain.substring(0, 46) + "-")
          .matches(LABEL_VALUE);
      assertThat(value.substring(47)).matches("[0-9a-f]{16}");
    }

    @Test
    @DisplayName("is 63 characters for one character over the limit")
    void sixtyFour() {
      assertThat(TrackingMark.labelValue(new AppRef("ns", "a".repeat(61)))).hasSize(63);
    }

    @Test
    @DisplayName("is stable and tells apart long names that share a prefix")
    void stableAndDistinct() {
      String prefix = "x".repeat(70);
      AppRef one = new AppRef("ns", prefix + "-one");
      AppRef two = new AppRef("ns", prefix + "-two");

      assertThat(TrackingMark.labelValue(one)).isEqualTo(TrackingMark.labelValue(new AppRef("ns", prefix + "-one")));
      assertThat(TrackingMark.labelValue(one)).isNotEqualTo(TrackingMark.labelValue(two));
    }

    @Test
    @DisplayName("is a valid label value for names full of dashes and dots")
    void validWithSeparators() {
      AppRef app = new AppRef("a-b-c-d-e-f-g-h-i-j", "x.y.z-" + "-.".repeat(30) + "end");

      assertThat(TrackingMark.labelValue(app)).hasSizeLessThanOrEqualTo(63).matches(LABEL_VALUE);
    }
  }

  @Nested
  @DisplayName("stamp")
  class Stamp {
    @Test
    @DisplayName("adds the app label and the tracking-id annotation")
    void addsMark() {
      Map<String, Object> stamped = TrackingMark.stamp(object("web"), APP, DEPLOYMENT);

      assertThat(JsonValues.path(stamped, "metadata", "labels", TrackingMark.LABEL)).isEqualTo("keelson.web");
      assertThat(JsonValues.path(stamped, "metadata", "annotations", TrackingMark.ANNOTATION))
          .isEqualTo("keelson/web:apps/Deployment:shop/web");
      assertThat(TrackingMark.LABEL).isEqualTo("keelson.dev/app");
      assertThat(TrackingMark.ANNOTATION).isEqualTo("keelson.dev/tracking-id");
    }

    @Test
    @DisplayName("keeps the object's own labels, annotations and fields")
    @SuppressWarnings("unchecked")
    void keepsExisting() {
      Map<String, Object> desired = object("web");
      Map<String, Object> metadata = (Map<String, Object>) desired.get("metadata");
      metadata.put("labels", new LinkedHashMap<>(Map.of("app", "web")));
      metadata.put("annotations", new LinkedHashMap<>(Map.of("team", "payments")));

      Map<String, Object> stamped = TrackingMark.stamp(desired, APP, DEPLOYMENT);

      assertThat(JsonValues.path(stamped, "metadata", "labels"))
          .isEqualTo(Map.of("app", "web", TrackingMark.LABEL, "keelson.web"));
      assertThat(JsonValues.path(stamped, "metadata", "annotations"))
          .isEqualTo(Map.of("team", "payments", TrackingMark.ANNOTATION, "keelson/web:apps/Deployment:shop/web"));
      assertThat(stamped.get("spec")).isEqualTo(Map.of("replicas", 1));
      assertThat(JsonValues.path(stamped, "metadata", "name")).isEqualTo("web");
    }

    @Test
    @DisplayName("does not modify the desired object")
    void inputUntouched() {
      Map<String, Object> desired = object("web");
      Map<String, Object> before = JsonValues.deepCopy(desired);

      Map<String, Object> stamped = TrackingMark.stamp(desired, APP, DEPLOYMENT);

      assertThat(desired).isEqualTo(before);
      assertThat(stamped).isNotSameAs(desired);
      assertThat(stamped.get("metadata")).isNotSameAs(desired.get("metadata"));
    }

    @Test
    @DisplayName("works on immutable maps and on objects without metadata")
    void immutableAndBare() {
      Map<String, Object> immutable = Map.of("kind", "ConfigMap", "metadata", Map.of("name", "cfg",
          "labels", Map.of("a", "b")));
      Map<String, Object> stamped = TrackingMark.stamp(immutable, APP, CONFIGMAP);
      assertThat(JsonValues.path(stamped, "metadata", "labels"))
          .isEqualTo(Map.of("a", "b", TrackingMark.LABEL, "keelson.web"));

      Map<String, Object> bare = TrackingMark.stamp(Map.of("kind", "ConfigMap"), APP, CONFIGMAP);
      assertThat(TrackingMark.trackingIdOf(bare)).contains("keelson/web:/ConfigMap:shop/cfg");
    }

    @Test
    @DisplayName("replaces a mark left by another app")
    void replacesForeignMark() {
      Map<String, Object> foreign = TrackingMark.stamp(object("web"), new AppRef("other", "app"), DEPLOYMENT);

      Map<String, Object> stamped = TrackingMark.stamp(foreign, APP, DEPLOYMENT);

      assertThat(TrackingMark.isManagedBy(stamped, APP, DEPLOYMENT)).isTrue();
      assertThat(JsonValues.path(stamped, "metadata", "labels", TrackingMark.LABEL)).isEqualTo("keelson.web");
    }
  }

  @Nested
  @DisplayName("trackingIdOf and isManagedBy")
  class Ownership {
    @Test
    @DisplayName("read the mark stamp left")
    void stampedObjectIsManaged() {
      Map<String, Object> live = TrackingMark.stamp(object("web"), APP, DEPLOYMENT);

      assertThat(TrackingMark.trackingIdOf(live)).contains("keelson/web:apps/Deployment:shop/web");
      assertThat(TrackingMark.isManagedBy(live, APP, DEPLOYMENT)).isTrue();
    }

    @Test
    @DisplayName("an unmarked object is managed by nobody")
    void unmarked() {
      assertThat(TrackingMark.trackingIdOf(object("web"))).isEmpty();
      assertThat(TrackingMark.trackingIdOf(Map.of())).isEmpty();
      assertThat(TrackingMark.isManagedBy(object("web"), APP, DEPLOYMENT)).isFalse();
    }

    @Test
    @DisplayName("a non-string annotation value is no mark")
    void nonStringMark() {
      Map<String, Object> live = Map.of("metadata", Map.of("annotations", Map.of(TrackingMark.ANNOTATION, 42)));

      assertThat(TrackingMark.trackingIdOf(live)).isEmpty();
    }

    @Test
    @DisplayName("is false for another app, even one with the same name in another namespace")
    void otherApp() {
      Map<String, Object> live = TrackingMark.stamp(object("web"), new AppRef("team-b", "web"), DEPLOYMENT);

      assertThat(TrackingMark.isManagedBy(live, APP, DEPLOYMENT)).isFalse();
      assertThat(TrackingMark.isManagedBy(live, new AppRef("team-b", "web"), DEPLOYMENT)).isTrue();
    }

    @Test
    @DisplayName("is false for a marked object copied under another identity")
    void otherIdentity() {
      Map<String, Object> live = TrackingMark.stamp(object("web"), APP, DEPLOYMENT);

      assertThat(TrackingMark.isManagedBy(live, APP, new ResourceKey("apps", "Deployment", "shop", "web-copy")))
          .isFalse();
      assertThat(TrackingMark.isManagedBy(live, APP, DEPLOYMENT.withNamespace("prod"))).isFalse();
      assertThat(TrackingMark.isManagedBy(live, APP, new ResourceKey("apps", "StatefulSet", "shop", "web")))
          .isFalse();
      assertThat(TrackingMark.isManagedBy(live, APP, new ResourceKey("extensions", "Deployment", "shop", "web")))
          .isFalse();
    }

    @Test
    @DisplayName("the label alone does not make an object managed")
    void labelAlone() {
      Map<String, Object> live = Map.of("metadata", Map.of("labels", Map.of(TrackingMark.LABEL, "keelson.web")));

      assertThat(TrackingMark.isManagedBy(live, APP, DEPLOYMENT)).isFalse();
    }
  }
}
