package dev.keelson.controller.project;

import dev.keelson.api.v1alpha1.AppProject;
import dev.keelson.api.v1alpha1.AppProjectSpec;
import dev.keelson.core.project.Glob;
import dev.keelson.core.project.ProjectId;
import dev.keelson.core.project.ProjectRules;
import dev.keelson.core.schedule.SyncWindowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** An AppProject's spec read once into {@link ProjectRules}. */
final class ProjectReader {
  private ProjectReader() {}

  /** @throws IllegalArgumentException naming the project and the field when a rule is unusable */
  static ProjectRules read(AppProject project) {
    String where = "AppProject " + project.getMetadata().getNamespace() + "/" + project.getMetadata().getName();
    AppProjectSpec spec = project.getSpec() == null ? new AppProjectSpec() : project.getSpec();
    List<ProjectRules.DestinationRule> destinations = map(spec.destinations, d -> {
      if (blank(d.server) && blank(d.name)) {
        throw new IllegalArgumentException(where + ": destinations: every entry needs server or name");
      }
      return new ProjectRules.DestinationRule(glob(d.server), glob(d.name), glob(d.namespace));
    });
    List<ProjectRules.ProjectWindow> windows = new ArrayList<>();
    if (spec.syncWindows != null) {
      for (int i = 0; i < spec.syncWindows.size(); i++) {
        var w = spec.syncWindows.get(i);
        SyncWindowSpec window = SyncWindowSpec.of(where + ": syncWindows[" + i + "].", w.kind, w.schedule, w.duration,
            w.timeZone, w.manualSync);
        windows.add(new ProjectRules.ProjectWindow(window, globs(w.applications), globs(w.namespaces),
            globs(w.clusters)));
      }
    }
    List<ProjectRules.ServiceAccountRule> accounts = map(spec.destinationServiceAccounts, a -> {
      if (blank(a.defaultServiceAccount)) {
        throw new IllegalArgumentException(where + ": destinationServiceAccounts: defaultServiceAccount is required");
      }
      return new ProjectRules.ServiceAccountRule(Glob.of(blank(a.server) ? "*" : a.server),
          Glob.of(blank(a.namespace) ? "*" : a.namespace), a.defaultServiceAccount.strip());
    });
    return new ProjectRules(new ProjectId.Found(project.getMetadata().getNamespace(), project.getMetadata().getName()),
        globs(spec.sourceRepos), destinations, kinds(spec.clusterResourceWhitelist),
        kinds(spec.clusterResourceBlacklist), kinds(spec.namespaceResourceWhitelist),
        kinds(spec.namespaceResourceBlacklist), windows, globs(spec.sourceNamespaces), accounts);
  }

  private static List<ProjectRules.KindRule> kinds(List<AppProjectSpec.GroupKind> list) {
    return map(list, k -> new ProjectRules.KindRule(Glob.of(k.group == null ? "" : k.group),
        Glob.of(blank(k.kind) ? "*" : k.kind)));
  }

  private static List<Glob> globs(List<String> list) {
    return map(list, Glob::of);
  }

  private static Glob glob(String text) {
    return blank(text) ? null : Glob.of(text);
  }

  private static <A, B> List<B> map(List<A> list, Function<A, B> f) {
    if (list == null) return List.of();
    List<B> out = new ArrayList<>(list.size());
    for (A a : list) {
      if (a != null) out.add(f.apply(a));
    }
    return out;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
