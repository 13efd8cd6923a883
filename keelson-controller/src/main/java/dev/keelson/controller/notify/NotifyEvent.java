package dev.keelson.controller.notify;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to one of Keelson's objects, as Alerts see it: Flux's event (involved
 * object, severity, reason, message, metadata). Every feature publishes the same type (syncs,
 * health, drift, approvals today; rollouts, image updates and promotions by their own reasons), so
 * matching, deduplication and delivery know nothing of who published.
 *
 * @param revision the revision the event concerns (a commit, a chart version), or null
 * @param commit the commit status this event sets on a Git server, or null (not a sync's progress)
 * @param metadata extra facts sent along (Flux's event metadata); the revision is added as `revision`
 */
public record NotifyEvent(Source source, Severity severity, String reason, String message, String revision,
    Commit commit, Map<String, String> metadata, Instant timestamp) {

  public NotifyEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(reason, "reason");
    message = message == null ? "" : message;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** The object an event is about (Flux's involvedObject). */
  public record Source(String apiVersion, String kind, String namespace, String name, String uid,
      Map<String, String> labels) {
    public Source {
      labels = labels == null ? Map.of() : Map.copyOf(labels);
      namespace = namespace == null ? "" : namespace;
    }

    public static Source of(HasMetadata o) {
      return new Source(o.getApiVersion(), o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName(),
          o.getMetadata().getUid(), o.getMetadata().getLabels());
    }

    /** Flux's name of an object in messages: {@code application/web.shop}. */
    public String display() {
      return kind.toLowerCase(java.util.Locale.ROOT) + "/" + name + (namespace.isEmpty() ? "" : "." + namespace);
    }
  }

  /** Flux's two severities; an Alert with {@code eventSeverity: error} gets only errors. */
  public enum Severity {
    info, error
  }

  /**
   * The state a sync puts on the commit it applies, for the github, gitlab and gitea providers.
   *
   * @param repoURL the source repository the commit belongs to, as the app names it
   * @param sha the commit
   */
  public record Commit(String repoURL, String sha, CommitState state) {}

  public enum CommitState {
    pending, success, failure
  }

  /** What an event recorder knows beyond the object, the reason and the message. */
  public record Detail(String revision, Commit commit, Map<String, String> metadata) {
    public static final Detail NONE = new Detail(null, null, Map.of());

    public static Detail revision(String revision) {
      return new Detail(revision, null, Map.of());
    }
  }

  public static NotifyEvent of(HasMetadata object, boolean warning, String reason, String message, Detail detail,
      Instant at) {
    Detail d = detail == null ? Detail.NONE : detail;
    return new NotifyEvent(Source.of(object), warning ? Severity.error : Severity.info, reason, message, d.revision(),
        d.commit(), d.metadata(), at);
  }

  /**
   * What makes two events the same happening for deduplication: the object, the revision and the
   * reason. A reconcile retrying a failure publishes it again and again; one notification is enough.
   */
  public String dedupKey() {
    return source.kind() + "/" + source.namespace() + "/" + source.name() + "@" + (revision == null ? "" : revision)
        + "#" + reason;
  }

  /** The metadata sent: the event's own, with the revision. */
  public Map<String, String> fullMetadata() {
    if (revision == null || metadata.containsKey("revision")) return metadata;
    var m = new java.util.LinkedHashMap<String, String>(metadata);
    m.put("revision", revision);
    return m;
  }
}
