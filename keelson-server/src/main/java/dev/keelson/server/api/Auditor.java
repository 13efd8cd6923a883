package dev.keelson.server.api;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.auth.Subject;
import dev.keelson.controller.runtime.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every action requested through the API, twice: an Event on the Application ({@code
 * ActionRequested}, or {@code ActionFailed}), which {@code kubectl describe} and the app's events
 * show, and one line in the audit log (logger {@code keelson.audit}), which outlives Events.
 * Denied attempts go to the audit log only: the app's viewers need not see who was refused.
 */
public final class Auditor {
  public static final String LOGGER = "keelson.audit";
  public static final String REQUESTED = "ActionRequested";
  public static final String FAILED = "ActionFailed";
  private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);

  public enum Result {
    accepted,
    denied,
    failed
  }

  private final EventRecorder events;

  public Auditor(KubernetesClient client) {
    this.events = new EventRecorder(client, "keelson-server");
  }

  public static String user(Subject subject) {
    return subject instanceof Subject.User u ? u.name() : "anonymous";
  }

  public void record(Subject subject, String action, String object, Application app, Result result, String detail) {
    String user = user(subject);
    AUDIT.info("user={} action={} object={} result={}{}", user, action, object, result,
        detail == null || detail.isEmpty() ? "" : " detail=\"" + detail.replace("\"", "'") + "\"");
    if (app == null || result == Result.denied) return;
    String message = "user " + user + " requested " + action + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")")
        + ": " + result;
    if (result == Result.accepted) events.normal(app, REQUESTED, message);
    else events.warning(app, FAILED, message);
  }
}
