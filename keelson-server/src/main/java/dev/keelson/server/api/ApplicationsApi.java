package dev.keelson.server.api;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.server.http.ApiError;
import dev.keelson.server.http.ErrorCode;
import dev.keelson.server.http.Exchange;
import dev.keelson.server.http.Routes;
import dev.keelson.server.index.AppKey;
import dev.keelson.server.index.AppQuery;
import dev.keelson.server.index.ContinueToken;
import dev.keelson.server.index.LabelMatch;
import dev.keelson.server.view.ApplicationDetail;
import dev.keelson.server.view.ApplicationSummary;
import dev.keelson.server.view.EventView;
import dev.keelson.server.view.HistoryView;
import dev.keelson.server.view.OperationView;
import dev.keelson.server.view.SyncState;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The list, one app, and what its status and Events say: all read from the index but Events. */
public final class ApplicationsApi {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  static final String APP = "/api/v1/applications/{namespace}/{name}";

  private final AppAccess access;
  private final KubernetesClient client;

  public ApplicationsApi(AppAccess access, KubernetesClient client) {
    this.access = access;
    this.client = client;
  }

  public void register(Routes routes) {
    routes.get("/api/v1/applications", this::list);
    routes.get(APP, this::get);
    routes.get(APP + "/history", this::history);
    routes.get(APP + "/operation", this::operation);
    routes.get(APP + "/events", this::events);
  }

  private void list(Exchange ex) throws Exception {
    int limit = ex.queryInt("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
    Optional<AppKey> after = ex.query("continue").map(t -> ContinueToken.parse(t)
        .orElseThrow(() -> new ApiError(ErrorCode.invalid_continue, "continue is not a token this server issued")));
    ex.json(access.index().list(query(ex), a -> access.visible(ex, a), after, limit));
  }

  public static AppQuery query(Exchange ex) {
    Optional<SyncState> sync = ex.query("sync").map(v -> parse(SyncState.class, "sync", v));
    Optional<HealthStatus> health = ex.query("health").map(v -> parse(HealthStatus.class, "health", v));
    List<LabelMatch> labels = ex.queryAll("label").stream().map(l -> LabelMatch.parse(l)
        .orElseThrow(() -> ApiError.badParameter("label must be key, key=value or key!=value, not '" + l + "'"))).toList();
    return new AppQuery(ex.query("namespace"), ex.query("project"), ex.query("cluster"), sync, health, labels,
        ex.query("search"));
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw ApiError.badParameter(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
          + ", not '" + value + "'");
    }
  }

  private void get(Exchange ex) throws Exception {
    Application app = access.require(ex);
    var meta = app.getMetadata();
    ex.json(new ApplicationDetail(ApplicationSummary.of(app),
        meta.getAnnotations() == null ? Map.of() : meta.getAnnotations(), meta.getResourceVersion(),
        app.getSpec(), app.getStatus()));
  }

  private void history(Exchange ex) throws Exception {
    ApplicationStatus s = access.require(ex).getStatus();
    ex.json(new HistoryView(s == null || s.history == null ? List.of() : s.history));
  }

  private void operation(Exchange ex) throws Exception {
    ApplicationStatus s = access.require(ex).getStatus();
    ex.json(s == null ? new OperationView(null, null, null)
        : new OperationView(s.operationState, s.pendingApproval, s.pinned));
  }

  /** The app's Events, newest first: the controller's and the server's (actions requested). */
  private void events(Exchange ex) throws Exception {
    Application app = access.require(ex);
    List<Event> events = client.v1().events().inNamespace(app.getMetadata().getNamespace())
        .withField("involvedObject.name", app.getMetadata().getName()).list().getItems();
    List<EventView> items = events.stream()
        .filter(e -> "Application".equals(e.getInvolvedObject().getKind()))
        .sorted(Comparator.comparing((Event e) -> e.getLastTimestamp() == null ? "" : e.getLastTimestamp()).reversed())
        .map(e -> new EventView(e.getType(), e.getReason(), e.getMessage(), e.getCount(), e.getFirstTimestamp(),
            e.getLastTimestamp(), e.getSource() == null ? null : e.getSource().getComponent()))
        .toList();
    ex.json(new EventView.EventList(items));
  }
}
