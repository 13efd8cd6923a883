package dev.keelson.auth.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.auth.Action;
import dev.keelson.auth.Resource;
import dev.keelson.auth.Subject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RbacPolicyTest {
  static Subject user(String name, String... groups) {
    return new Subject.User(name, Set.of(groups), Subject.Method.PASSWORD);
  }

  static RbacPolicy policy(String csv, String defaultRole) {
    return RbacPolicy.compile(RbacConfig.fromData(defaultRole == null
        ? Map.of("policy.csv", csv) : Map.of("policy.csv", csv, "policy.default", defaultRole)));
  }

  @Test
  void readonlyMayGetEverythingAndChangeNothing() {
    RbacPolicy p = policy("g, viewer, role:readonly", null);
    Subject viewer = user("viewer");
    for (Resource r : Resource.values()) assertThat(p.allowed(viewer, r, Action.get, "any/thing")).isTrue();
    assertThat(p.allowed(viewer, Resource.applications, Action.sync, "default/guestbook")).isFalse();
    assertThat(p.allowed(viewer, Resource.applications, Action.delete, "default/guestbook")).isFalse();
  }

  @Test
  void adminMayDoEverythingAndTheAdminAccountIsAdmin() {
    RbacPolicy p = policy("g, ops, role:admin", null);
    for (Action a : Action.values()) {
      assertThat(p.allowed(user("bob", "ops"), Resource.applications, a, "prod/db")).isTrue();
      assertThat(p.allowed(user("admin"), Resource.clusters, a, "https://kubernetes.default.svc")).isTrue();
    }
    assertThat(p.allowed(user("bob"), Resource.applications, Action.get, "prod/db")).isFalse();
  }

  @Test
  void anOidcUserCalledAdminIsNotTheAdminAccount() {
    RbacPolicy p = policy("g, admin, role:readonly", null);
    Subject oidcAdmin = new Subject.User("admin", Set.of(), Subject.Method.OIDC);
    assertThat(p.allowed(oidcAdmin, Resource.applications, Action.delete, "prod/db")).isFalse();
    assertThat(p.allowed(oidcAdmin, Resource.applications, Action.get, "prod/db")).isTrue();
    assertThat(p.allowed(new Subject.User("admin", Set.of(), Subject.Method.API_TOKEN), Resource.applications, Action.delete, "prod/db")).isTrue();
  }

  @Test
  void projectRoleThroughAGroupBinding() {
    RbacPolicy p = policy("""
        # team-a's developers may sync their project's apps
        p, proj:team-a:dev, applications, sync, team-a/*, allow
        p, proj:team-a:dev, applications, get, team-a/*, allow
        g, alice, proj:team-a:dev
        """, null);
    Subject alice = user("alice");
    assertThat(p.allowed(alice, Resource.applications, Action.sync, "team-a/web")).isTrue();
    assertThat(p.allowed(alice, Resource.applications, Action.sync, "team-a/other-ns/web")).isTrue();
    assertThat(p.allowed(alice, Resource.applications, Action.sync, "team-b/web")).isFalse();
    assertThat(p.allowed(alice, Resource.applications, Action.delete, "team-a/web")).isFalse();
    assertThat(p.allowed(user("carol"), Resource.applications, Action.sync, "team-a/web")).isFalse();
  }

  @Test
  void rolesInheritTransitivelyAndCyclesEnd() {
    RbacPolicy p = policy("""
        p, role:dev, applications, sync, */*, allow
        g, role:lead, role:dev
        g, role:dev, role:lead
        g, alice, role:lead
        """, null);
    assertThat(p.allowed(user("alice"), Resource.applications, Action.sync, "x/y")).isTrue();
  }

  @Test
  void denyWinsOverAllow() {
    RbacPolicy p = policy("""
        p, role:dev, applications, *, */*, allow
        p, role:dev, applications, delete, prod/*, deny
        g, alice, role:dev
        g, devs, role:dev
        p, devs, applications, sync, prod/db, deny
        """, null);
    Subject alice = user("alice");
    assertThat(p.allowed(alice, Resource.applications, Action.delete, "staging/web")).isTrue();
    assertThat(p.allowed(alice, Resource.applications, Action.delete, "prod/web")).isFalse();
    assertThat(p.allowed(user("alice", "devs"), Resource.applications, Action.sync, "prod/db")).isFalse();
    assertThat(p.allowed(user("alice", "devs"), Resource.applications, Action.sync, "prod/web")).isTrue();
  }

  @Test
  void aDenyAlsoOverridesTheDefaultRole() {
    RbacPolicy p = policy("p, mallory, applications, get, secret/*, deny", "role:readonly");
    assertThat(p.allowed(user("mallory"), Resource.applications, Action.get, "secret/vault")).isFalse();
    assertThat(p.allowed(user("mallory"), Resource.applications, Action.get, "public/web")).isTrue();
  }

  @Test
  void globsInResourceActionAndObject() {
    RbacPolicy p = policy("""
        p, ci, *, sync, */*, allow
        p, ci, applications, ?et, team-?/web-*, allow
        p, ci, clusters, get, https://*.example.com, allow
        """, null);
    Subject ci = user("ci");
    assertThat(p.allowed(ci, Resource.applicationsets, Action.sync, "a/b")).isTrue();
    assertThat(p.allowed(ci, Resource.applications, Action.get, "team-a/web-1")).isTrue();
    assertThat(p.allowed(ci, Resource.applications, Action.get, "team-ab/web-1")).isFalse();
    assertThat(p.allowed(ci, Resource.clusters, Action.get, "https://east.example.com")).isTrue();
    assertThat(p.allowed(ci, Resource.clusters, Action.get, "https://east.example.org")).isFalse();
  }

  @Test
  void defaultRoleAppliesToEveryoneIncludingAnonymous() {
    RbacPolicy p = policy("", "role:readonly");
    assertThat(p.allowed(Subject.ANONYMOUS, Resource.applications, Action.get, "default/guestbook")).isTrue();
    assertThat(p.allowed(user("nobody"), Resource.applications, Action.get, "default/guestbook")).isTrue();
    assertThat(p.allowed(user("nobody"), Resource.applications, Action.sync, "default/guestbook")).isFalse();
    assertThat(policy("", null).allowed(Subject.ANONYMOUS, Resource.applications, Action.get, "default/guestbook")).isFalse();
  }

  @Test
  void groupsGetTheirBindings() {
    RbacPolicy p = policy("g, my-org:platform, role:admin", null);
    assertThat(p.allowed(user("u@example.com", "my-org:platform"), Resource.clusters, Action.delete, "https://c")).isTrue();
    assertThat(p.allowed(user("u@example.com", "my-org:other"), Resource.clusters, Action.delete, "https://c")).isFalse();
  }

  @Test
  void unknownActionsAndResourcesInThePolicyAreKeptButMatchNothingOfOurs() {
    RbacPolicy p = policy("""
        p, role:dev, applications, action/apps/Deployment/restart, */*, allow
        p, role:dev, gpgkeys, get, *, allow
        g, alice, role:dev
        """, null);
    for (Action a : Action.values()) assertThat(p.allowed(user("alice"), Resource.applications, a, "x/y")).isFalse();
  }

  @Test
  void quotedFieldsAndOverlayKeys() {
    RbacPolicy p = RbacPolicy.compile(RbacConfig.fromData(Map.of(
        "policy.csv", "p, \"role:a, b\", applications, get, */*, allow",
        "policy.overlay.csv", "g, alice, \"role:a, b\"")));
    assertThat(p.allowed(user("alice"), Resource.applications, Action.get, "x/y")).isTrue();
  }

  @Test
  void unreadableLinesNameTheirLine() {
    assertThatThrownBy(() -> policy("g, alice, role:dev\np, alice, applications, get", null))
        .isInstanceOf(PolicyException.class).hasMessageContaining("line 2");
    assertThatThrownBy(() -> policy("p, a, applications, get, */*, maybe", null))
        .hasMessageContaining("allow or deny");
    assertThatThrownBy(() -> policy("x, a, b", null)).hasMessageContaining("p or g");
  }

  @Test
  void scopesAreReadAsAYamlFlowList() {
    assertThat(RbacConfig.fromData(Map.of("scopes", "[groups, email]")).scopes()).containsExactly("groups", "email");
    assertThat(RbacConfig.fromData(Map.of("scopes", "['cognito:groups']")).scopes()).containsExactly("cognito:groups");
    assertThat(RbacConfig.fromData(Map.of()).scopes()).containsExactly("groups");
  }

  @Test
  void tenThousandAppsAreCheckedQuickly() {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      csv.append("p, role:team-").append(i).append(", applications, get, team-").append(i).append("/*, allow\n");
      csv.append("p, role:team-").append(i).append(", applications, get, team-").append(i).append("/secret-*, deny\n");
      csv.append("g, group-").append(i).append(", role:team-").append(i).append('\n');
    }
    RbacPolicy p = policy(csv.toString(), null);
    Subject u = user("u", "group-3", "group-7", "group-150");
    int allowed = 0;
    long start = System.nanoTime();
    for (int round = 0; round < 10; round++) {
      allowed = 0;
      for (int i = 0; i < 10_000; i++) {
        if (p.allowed(u, Resource.applications, Action.get, "team-" + (i % 200) + "/app-" + i)) allowed++;
      }
    }
    long perList = (System.nanoTime() - start) / 10;
    assertThat(allowed).isEqualTo(150);
    // a list of 10,000 apps costs well under what the API call around it does
    assertThat(perList).isLessThan(200_000_000L);
  }
}
