package dev.keelson.server.api;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.auth.Action;
import dev.keelson.auth.Resource;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.server.http.ApiError;
import dev.keelson.server.http.ErrorCode;
import dev.keelson.server.http.Exchange;
import dev.keelson.server.http.Routes;
import dev.keelson.server.view.ActionResult;
import dev.keelson.server.view.ApplicationSummary;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The actions: each is written as the operator request the CLI writes (see {@link Annotations}),
 * answered 202 with the token the controller will echo, and audited. Rights as in Argo CD: sync,
 * rollback, terminate-op and refresh need {@code sync}, suspend and resume {@code update},
 * approve {@code approve}.
 */
public final class ActionsApi {
  private final AppAccess access;
  private final OperatorWrites writes;
  private final Auditor audit;

  public ActionsApi(AppAccess access, io.fabric8.kubernetes.client.KubernetesClient client, Auditor audit) {
    this.access = access;
    this.writes = new OperatorWrites(client);
    this.audit = audit;
  }

  public void register(Routes routes) {
    String app = ApplicationsApi.APP;
    routes.post(app + "/sync", ex -> act(ex, "sync", Action.sync, this::sync));
    routes.post(app + "/approve", ex -> act(ex, "approve", Action.approve, this::approve));
    routes.post(app + "/rollback", ex -> act(ex, "rollback", Action.sync, this::rollback));
    routes.post(app + "/suspend", ex -> act(ex, "suspend", Action.update, (e, a) -> suspend(e, a, true)));
    routes.post(app + "/resume", ex -> act(ex, "resume", Action.update, (e, a) -> suspend(e, a, false)));
    routes.post(app + "/terminate-op", ex -> act(ex, "terminate-op", Action.sync, this::terminate));
    routes.post(app + "/refresh", ex -> act(ex, "refresh", Action.sync, this::refresh));
  }

  /** What an action writes; returns the token and a description for the audit. */
  private interface Act {
    Written apply(Exchange ex, Application app) throws Exception;
  }

  private record Written(String token, String detail) {}

  private void act(Exchange ex, String name, Action right, Act act) throws Exception {
    String object = access.object(ApplicationSummary.DEFAULT_PROJECT, ex.path("namespace"), ex.path("name"));
    Application app;
    try {
      app = access.require(ex, Resource.applications, right);
    } catch (ApiError e) {
      if (e.code() == ErrorCode.forbidden || e.code() == ErrorCode.unauthenticated) {
        audit.record(ex.subject(), name, object, null, Auditor.Result.denied, e.getMessage());
      }
      throw e;
    }
    object = access.object(ApplicationSummary.of(app));
    Written w;
    try {
      w = act.apply(ex, app);
    } catch (KubernetesClientException e) {
      audit.record(ex.subject(), name, object, app, Auditor.Result.failed, e.getMessage());
      throw new ApiError(e.getCode() == 409 ? ErrorCode.conflict : ErrorCode.upstream_failed,
          name + " could not be written: " + e.getMessage());
    }
    audit.record(ex.subject(), name, object, app, Auditor.Result.accepted, w.detail());
    ex.status(202).json(new ActionResult(name, app.getMetadata().getNamespace(), app.getMetadata().getName(),
        w.token(), w.detail()));
  }

  private static String user(Exchange ex) {
    return Auditor.user(ex.subject());
  }

  private static String now() {
    return Instant.now().toString();
  }

  private Written sync(Exchange ex, Application app) throws Exception {
    ActionBodies.Sync body = ex.body(ActionBodies.Sync.class);
    List<String> parts = new ArrayList<>();
    if (Boolean.TRUE.equals(body.prune())) parts.add("prune");
    if (Boolean.TRUE.equals(body.dryRun())) parts.add("dry-run");
    for (String r : body.resources() == null ? List.<String>of() : body.resources()) {
      parts.add("resource=" + checkResource(r));
    }
    String options = parts.isEmpty() ? null : String.join(",", parts);
    String token = now();
    String user = user(ex);
    writes.edit(app, x -> {
      Map<String, String> a = OperatorWrites.annotations(x);
      a.put(Annotations.SYNC_REQUESTED_AT, token);
      a.put(Annotations.SYNC_REQUESTED_BY, user);
      // always rewritten: options of an earlier request must not apply to this one
      if (options == null) a.remove(Annotations.SYNC_REQUEST_OPTIONS);
      else a.put(Annotations.SYNC_REQUEST_OPTIONS, options);
    });
    return new Written(token, options == null ? "" : options);
  }

  /** GROUP:KIND:NAME, as {@code keelson app sync --resource} takes it. */
  private static String checkResource(String r) {
    String[] p = r == null ? new String[0] : r.split(":", -1);
    if (p.length != 3 || p[1].isBlank() || p[2].isBlank() || r.contains(",")) {
      throw new ApiError(ErrorCode.invalid_body, "resources: '" + r + "' is not GROUP:KIND:NAME"
          + " (GROUP empty for the core group, e.g. :ConfigMap:web; no commas)");
    }
    return r;
  }

  private Written approve(Exchange ex, Application app) throws Exception {
    ActionBodies.Approve body = ex.body(ActionBodies.Approve.class);
    ApplicationStatus s = app.getStatus();
    String revision = body.revision() != null ? body.revision()
        : s == null || s.pendingApproval == null ? null : s.pendingApproval.revision;
    if (revision == null) throw new ApiError(ErrorCode.nothing_to_do, "nothing awaits approval");
    OperatorRequest request = new OperatorRequest(user(ex), now(), revision, null);
    writes.edit(app, x -> OperatorWrites.annotations(x).put(Annotations.APPROVE, request.toJson()));
    return new Written(request.at(), "revision " + revision);
  }

  private Written rollback(Exchange ex, Application app) throws Exception {
    ActionBodies.Rollback body = ex.body(ActionBodies.Rollback.class);
    boolean clear = Boolean.TRUE.equals(body.clear());
    if ((body.historyId() == null) == !clear) {
      throw new ApiError(ErrorCode.invalid_body, "give exactly one of historyId or clear: true");
    }
    if (clear) {
      OperatorRequest request = OperatorRequest.of(user(ex), now());
      writes.edit(app, x -> {
        OperatorWrites.annotations(x).remove(Annotations.ROLLBACK);
        OperatorWrites.annotations(x).put(Annotations.ROLLBACK_CLEARED, request.toJson());
      });
      return new Written(request.at(), "clear");
    }
    List<ApplicationStatus.HistoryEntry> usable = app.getStatus() == null || app.getStatus().history == null ? List.of()
        : app.getStatus().history.stream().filter(h -> h.id != null && h.isDeployment()).toList();
    if (usable.stream().noneMatch(h -> body.historyId().equals(h.id))) {
      throw new ApiError(ErrorCode.invalid_body, "no history entry " + body.historyId() + " of a successful sync (available: "
          + (usable.isEmpty() ? "none" : usable.stream().map(h -> String.valueOf(h.id)).collect(Collectors.joining(", "))) + ")");
    }
    OperatorRequest request = new OperatorRequest(user(ex), now(), null, body.historyId());
    writes.edit(app, x -> OperatorWrites.annotations(x).put(Annotations.ROLLBACK, request.toJson()));
    return new Written(request.at(), "history " + body.historyId());
  }

  private Written suspend(Exchange ex, Application app, boolean suspend) throws Exception {
    ex.body(ActionBodies.None.class);
    OperatorRequest request = OperatorRequest.of(user(ex), now());
    writes.edit(app, x -> {
      // resume removes the field rather than writing false, as the CLI does
      x.getSpec().suspend = suspend ? Boolean.TRUE : null;
      OperatorWrites.annotations(x).put(Annotations.SUSPEND_CHANGED, request.toJson());
    });
    return new Written(request.at(), "");
  }

  private Written terminate(Exchange ex, Application app) throws Exception {
    ex.body(ActionBodies.None.class);
    ApplicationStatus s = app.getStatus();
    if (s == null || s.operationState == null || !"Running".equals(s.operationState.phase)) {
      throw new ApiError(ErrorCode.nothing_to_do, "no operation is running");
    }
    OperatorRequest request = OperatorRequest.of(user(ex), now());
    writes.edit(app, x -> OperatorWrites.annotations(x).put(Annotations.TERMINATE, request.toJson()));
    return new Written(request.at(), "operation " + s.operationState.id);
  }

  private Written refresh(Exchange ex, Application app) throws Exception {
    ex.body(ActionBodies.None.class);
    String token = now();
    writes.edit(app, x -> OperatorWrites.annotations(x).put(Annotations.REFRESH_REQUESTED_AT, token));
    return new Written(token, "");
  }
}
