package dev.keelson.auth.rbac;

import dev.keelson.auth.Action;
import dev.keelson.auth.Resource;
import dev.keelson.auth.Subject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed, compiled policy (the built-in roles, then policy.csv). Each subject's permissions
 * are resolved once, through every {@code g} line transitively, into a table by resource and
 * action whose entries hold only compiled object globs, and cached: a list call asks for every
 * app with the same subject.
 *
 * <p>Names are shared between local accounts and OIDC users, as in Argo CD; only the built-in
 * binding of {@code admin} to role:admin is for the local account alone.
 *
 * <p>Deny wins: a subject may act when a permission of its own, one of its groups', one of
 * their roles' or the default role's allows it and none of those denies it.
 */
public final class RbacPolicy {
  /** Distinct subjects cached per policy; past it the cache starts again, so memory stays bounded. */
  static final int MAX_CACHED_SUBJECTS = 10_000;

  private record Rule(Glob object, Effect effect) {}

  private record Compiled(Glob resource, Glob action, Rule rule) {}

  /** @param localAccount a local account, not an OIDC user: only then is {@code admin} the admin */
  private record SubjectKey(Optional<String> name, Set<String> groups, boolean localAccount) {}

  /** One subject's permissions: denies first, so a deny ends the search. */
  private record Effective(Map<Resource, Map<Action, List<Rule>>> table) {
    boolean allowed(Resource r, Action a, String object) {
      List<Rule> rules = table.get(r).get(a);
      boolean allow = false;
      for (Rule rule : rules) {
        if (!rule.object().matches(object)) continue;
        if (rule.effect() == Effect.deny) return false;
        allow = true;
      }
      return allow;
    }
  }

  private final Map<String, List<Compiled>> permissions;
  private final Map<String, Set<String>> roles;
  private final Optional<String> defaultRole;
  private final Map<SubjectKey, Effective> cache = new ConcurrentHashMap<>();

  private RbacPolicy(Map<String, List<Compiled>> permissions, Map<String, Set<String>> roles, Optional<String> defaultRole) {
    this.permissions = permissions;
    this.roles = roles;
    this.defaultRole = defaultRole;
  }

  /** @throws PolicyException when policy.csv has a line it cannot read */
  public static RbacPolicy compile(RbacConfig config) {
    List<PolicyLine> lines = new ArrayList<>(PolicyParser.parse(BuiltinPolicy.CSV));
    lines.addAll(PolicyParser.parse(config.policyCsv()));
    Map<String, List<Compiled>> permissions = new HashMap<>();
    Map<String, Set<String>> roles = new HashMap<>();
    for (PolicyLine line : lines) {
      if (line instanceof PolicyLine.Permission p) {
        permissions.computeIfAbsent(p.subject(), k -> new ArrayList<>())
            .add(new Compiled(Glob.of(p.resource()), Glob.of(p.action()), new Rule(Glob.of(p.object()), p.effect())));
      } else if (line instanceof PolicyLine.Grant g) {
        roles.computeIfAbsent(g.member(), k -> new LinkedHashSet<>()).add(g.role());
      }
    }
    return new RbacPolicy(permissions, roles, config.defaultRole());
  }

  public boolean allowed(Subject subject, Resource resource, Action action, String object) {
    SubjectKey key = subject instanceof Subject.User u
        ? new SubjectKey(Optional.of(u.name()), u.groups(), u.method() != Subject.Method.OIDC)
        : new SubjectKey(Optional.empty(), Set.of(), false);
    Effective e = cache.get(key);
    if (e == null) {
      if (cache.size() >= MAX_CACHED_SUBJECTS) cache.clear();
      e = cache.computeIfAbsent(key, this::resolve);
    }
    return e.allowed(resource, action, object);
  }

  private Effective resolve(SubjectKey key) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    key.name().ifPresent(todo::add);
    todo.addAll(key.groups());
    defaultRole.ifPresent(todo::add);
    // An OIDC user's name comes from a claim the provider may let users choose; one calling
    // itself "admin" must not become the local admin.
    if (key.localAccount() && key.name().filter(BuiltinPolicy.ADMIN_ACCOUNT::equals).isPresent()) {
      todo.add(BuiltinPolicy.ADMIN);
    }
    Map<Resource, Map<Action, List<Rule>>> table = new EnumMap<>(Resource.class);
    for (Resource r : Resource.values()) {
      Map<Action, List<Rule>> byAction = new EnumMap<>(Action.class);
      for (Action a : Action.values()) byAction.put(a, new ArrayList<>());
      table.put(r, byAction);
    }
    while (!todo.isEmpty()) {
      String s = todo.poll();
      if (!seen.add(s)) continue;
      todo.addAll(roles.getOrDefault(s, Set.of()));
      for (Compiled c : permissions.getOrDefault(s, List.of())) {
        for (Resource r : Resource.values()) {
          if (!c.resource().matches(r.name())) continue;
          for (Action a : Action.values()) {
            if (c.action().matches(a.name())) table.get(r).get(a).add(c.rule());
          }
        }
      }
    }
    table.values().forEach(m -> m.replaceAll((a, rules) -> {
      List<Rule> ordered = new ArrayList<>(rules.size());
      rules.stream().filter(x -> x.effect() == Effect.deny).forEach(ordered::add);
      rules.stream().filter(x -> x.effect() == Effect.allow).forEach(ordered::add);
      return List.copyOf(ordered);
    }));
    return new Effective(table);
  }
}
