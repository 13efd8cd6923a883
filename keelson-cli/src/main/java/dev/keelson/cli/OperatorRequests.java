package dev.keelson.cli;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Writing an operator request on an Application and awaiting the controller's echo of its token
 * in status: the one protocol behind sync, approve, rollback, suspend, resume and terminate-op.
 */
final class OperatorRequests {
  private OperatorRequests() {}

  static String user() {
    return System.getProperty("user.name", "unknown");
  }

  /** The request's token; Instant's microsecond text makes two requests in a row differ. */
  static String now() {
    return Instant.now().toString();
  }

  static Resource<Application> resource(KubernetesClient client, Application app) {
    return client.resources(Application.class).inNamespace(app.getMetadata().getNamespace())
        .withName(app.getMetadata().getName());
  }

  /**
   * Applies {@code change} in one write, so spec and request annotation never arrive apart. The
   * controller writes status all the time, and each write moves the app's resourceVersion: a
   * conflict is answered as kubectl's RetryOnConflict does, by reading again and reapplying.
   */
  static void edit(KubernetesClient client, Application app, Consumer<Application> change) {
    RetryOnConflict.edit(resource(client, app), x -> {
      change.accept(x);
      return x;
    });
  }

  /** The annotations of {@code app}, created empty when it has none yet. */
  static Map<String, String> annotations(Application app) {
    if (app.getMetadata().getAnnotations() == null) app.getMetadata().setAnnotations(new HashMap<>());
    return app.getMetadata().getAnnotations();
  }

  /** The app once its status satisfies {@code handled}, or empty when {@code timeout} passed first. */
  static Optional<Application> await(KubernetesClient client, Application app, Predicate<ApplicationStatus> handled,
      Duration timeout) {
    try {
      return Optional.of(resource(client, app).waitUntilCondition(
          x -> x != null && x.getStatus() != null && handled.test(x.getStatus()),
          timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (KubernetesClientTimeoutException e) {
      return Optional.empty();
    }
  }

  /** Reports a request no controller answered in time; the request itself stays and may still be handled. */
  static int notHandled(String what, WaitOptions wait) {
    System.err.println("error: no controller handled the " + what + " request within " + wait.timeout
        + " (is `keelson controller` running?)");
    return ExitCodes.ERROR;
  }

  static String qualified(Application app) {
    return app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
  }
}
