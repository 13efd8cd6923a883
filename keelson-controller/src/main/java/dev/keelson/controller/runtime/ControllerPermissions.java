package dev.keelson.controller.runtime;

import dev.keelson.controller.runtime.ControllerRbac.Rule;
import dev.keelson.controller.runtime.ControllerRbac.Scope;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Checks at start, by SelfSubjectAccessReviews, that the controller's credentials hold every rule
 * of {@link ControllerRbac#controllerRules}: a controller installed with too few rights would
 * otherwise start and fail later, one informer or one status write at a time, far from the cause.
 */
public final class ControllerPermissions {
  /** One verb on one resource in one namespace (null: cluster-wide or all namespaces). */
  public record Access(String namespace, String group, String resource, String verb, Rule rule) {
    @Override
    public String toString() {
      String res = group.isEmpty() ? resource : resource + "." + group;
      return verb + " " + res + (namespace == null
          ? (rule.scope() == Scope.CLUSTER ? " (cluster-wide)" : " in all namespaces")
          : " in namespace " + namespace) + " (" + rule.feature() + ": " + rule.why() + ")";
    }
  }

  private ControllerPermissions() {}

  /** The accesses the controller will need with these options. */
  public static List<Access> required(ControllerOptions options) {
    Map<String, Access> accesses = new LinkedHashMap<>();
    for (Rule rule : ControllerRbac.controllerRules(ControllerRbac.Features.of(options))) {
      for (String ns : namespaces(rule.scope(), options)) {
        for (String group : rule.apiGroups()) {
          for (String resource : rule.resources()) {
            for (String verb : rule.verbs()) {
              Access a = new Access(ns, group, resource, verb, rule);
              accesses.putIfAbsent(ns + "|" + group + "|" + resource + "|" + verb, a);
            }
          }
        }
      }
    }
    return List.copyOf(accesses.values());
  }

  private static List<String> namespaces(Scope scope, ControllerOptions options) {
    List<String> one = new ArrayList<>(1);
    switch (scope) {
      case WATCHED:
        if (options.namespaces().isEmpty()) {
          one.add(null);
          return one;
        }
        return options.namespaces().stream().sorted().toList();
      case CONTROLLER_NAMESPACE:
        return List.of(options.controllerNamespace());
      case LEASE_NAMESPACE:
        return List.of(options.leaseNamespace());
      case KEY_NAMESPACE:
        return List.of(options.sealedSecrets().keyNamespace());
      default:
        one.add(null);
        return one;
    }
  }

  /** The accesses among {@code required} that the client's credentials lack; reviewed in parallel. */
  public static List<Access> missing(KubernetesClient client, List<Access> required) {
    ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "keelson-permissions");
      t.setDaemon(true);
      return t;
    });
    try {
      List<CompletableFuture<Access>> reviews = required.stream()
          .map(a -> CompletableFuture.supplyAsync(() -> allowed(client, a) ? null : a, pool)).toList();
      List<Access> missing = new ArrayList<>();
      for (CompletableFuture<Access> f : reviews) {
        Access a = f.join();
        if (a != null) missing.add(a);
      }
      return missing;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Fails with one line per missing verb and resource; returns when every access is allowed. */
  public static void check(KubernetesClient client, ControllerOptions options) {
    // credentials that may do anything (cluster-admin: tests, a local `keelson controller`)
    // answer in one review; others have each rule reviewed, some hundred small requests once
    Rule any = new Rule(ControllerRbac.Feature.CORE, Scope.CLUSTER, List.of("*"), List.of("*"), List.of("*"), "any");
    if (allowed(client, new Access(null, "*", "*", "*", any))) return;
    List<Access> missing = missing(client, required(options));
    if (missing.isEmpty()) return;
    StringBuilder m = new StringBuilder("the controller's credentials lack ").append(missing.size())
        .append(" permission(s) it needs (see docs/install.md; `keelson install --controller` grants them):");
    missing.forEach(a -> m.append("\n  - ").append(a));
    throw new IllegalStateException(m.toString());
  }

  private static boolean allowed(KubernetesClient client, Access a) {
    int slash = a.resource().indexOf('/');
    ResourceAttributesBuilder attrs = new ResourceAttributesBuilder()
        .withGroup(a.group())
        .withResource(slash < 0 ? a.resource() : a.resource().substring(0, slash))
        .withVerb(a.verb());
    if (slash >= 0) attrs.withSubresource(a.resource().substring(slash + 1));
    if (a.namespace() != null) attrs.withNamespace(a.namespace());
    SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
        .withNewSpec().withResourceAttributes(attrs.build()).endSpec().build();
    SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }
}
