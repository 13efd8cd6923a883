package dev.keelson.controller.runtime;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.controller.engine.Request;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the operator requests on an Application (annotations written by the CLI) and keeps those
 * not yet answered, judged by the tokens the status echoes.
 */
final class RequestReader {
  private RequestReader() {}

  static Request read(Application app, ApplicationStatus status) {
    Map<String, String> a = app.getMetadata().getAnnotations() == null ? Map.of() : app.getMetadata().getAnnotations();
    ApplicationStatus s = status == null ? new ApplicationStatus() : status;

    Request.SyncRequest sync = null;
    String token = a.get(Annotations.SYNC_REQUESTED_AT);
    if (token != null && !token.equals(s.lastHandledSyncRequest)) {
      String by = a.get(Annotations.SYNC_REQUESTED_BY);
      sync = Request.SyncRequest.of(token, by == null || by.isBlank() ? "manual" : by, a.get(Annotations.SYNC_REQUEST_OPTIONS));
    }
    OperatorRequest approve = unhandled(a.get(Annotations.APPROVE), s.lastHandledApproval);
    Optional<OperatorRequest> pinnedBy = OperatorRequest.parse(a.get(Annotations.ROLLBACK));
    OperatorRequest rollback = unhandled(a.get(Annotations.ROLLBACK), s.lastHandledRollback);
    // a clear counts only while no rollback annotation is present: a later rollback leaves the
    // old clear annotation behind, and it must not unpin the new one
    OperatorRequest cleared = pinnedBy.isEmpty()
        ? unhandled(a.get(Annotations.ROLLBACK_CLEARED), s.lastHandledRollback) : null;
    OperatorRequest terminate = unhandled(a.get(Annotations.TERMINATE), s.lastHandledTerminate);
    OperatorRequest suspend = unhandled(a.get(Annotations.SUSPEND_CHANGED), s.lastHandledSuspendChange);
    String refreshToken = a.get(Annotations.REFRESH_REQUESTED_AT);
    String refresh = refreshToken != null && !refreshToken.equals(s.lastHandledRefresh) ? refreshToken : null;
    return new Request(sync, approve, rollback, cleared, pinnedBy.orElse(null), terminate, suspend, refresh);
  }

  private static OperatorRequest unhandled(String value, String handledToken) {
    return OperatorRequest.parse(value).filter(r -> !Objects.equals(r.at(), handledToken)).orElse(null);
  }
}
