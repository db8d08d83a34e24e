package app.octokube.backend.rbac;

import static app.octokube.backend.rbac.Policies.MONDAY_10_PARIS;
import static app.octokube.backend.rbac.Policies.accessWithRole;
import static app.octokube.backend.rbac.Policies.parse;
import static app.octokube.backend.rbac.Policies.withRole;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of {@link Access}, one behaviour per test. */
class AccessTest {
  private static final Map<String, String> NO_LABELS = Map.of();

  @Test
  void nothingIsViewableWithoutABinding() {
    Policy policy = withRole("allow: [{resources: ['*'], verbs: [view]}]");
    Access access = policy.access("other", "prod-a", MONDAY_10_PARIS);

    assertThat(access.grantsNothing()).isTrue();
    assertThat(access.mayView("pods", "payments", "api", NO_LABELS)).isFalse();
    assertThat(access.maySubscribe("pods")).isFalse();
  }

  @Test
  void anUnknownUserGetsNoAccess() {
    Policy policy = withRole("allow: [{resources: ['*'], verbs: [view]}]");
    assertThat(policy.access("mallory", "prod-a", MONDAY_10_PARIS)).isSameAs(Access.none());
  }

  @Test
  void objectsNoAllowMatchesStayHidden() {
    Access access = accessWithRole("allow: [{namespaces: [payments], resources: [pods], verbs: [view]}]");

    assertThat(access.mayView("pods", "payments", "api", NO_LABELS)).isTrue();
    assertThat(access.mayView("services", "payments", "api", NO_LABELS)).isFalse();
    assertThat(access.mayView("pods", "web", "api", NO_LABELS)).isFalse();
  }

  @Test
  void allowsAddUpAcrossRulesAndRoles() {
    Policy policy = parse("""
        users: [{name: u}]
        roles:
          - name: pods-in-a
            allow: [{namespaces: [a], resources: [pods], verbs: [view]}]
          - name: services-in-b
            allow:
              - {namespaces: [b], resources: [services], verbs: [view]}
              - {namespaces: [c], resources: [pods], verbs: [view]}
        bindings:
          - {role: pods-in-a, subjects: ["user:u"]}
          - {role: services-in-b, subjects: ["user:u"]}
        """);
    Access access = policy.access("u", "prod-a", MONDAY_10_PARIS);

    assertThat(access.mayView("pods", "a", "x", NO_LABELS)).isTrue();
    assertThat(access.mayView("services", "b", "x", NO_LABELS)).isTrue();
    assertThat(access.mayView("pods", "c", "x", NO_LABELS)).isTrue();
    assertThat(access.mayView("pods", "b", "x", NO_LABELS)).isFalse();
  }

  @Test
  void aMatchingDenyWinsOverEveryAllow() {
    Access access = accessWithRole("""
        allow:
          - {resources: [pods], verbs: [view]}
          - {namespaces: [payments], resources: ['*'], verbs: [view]}
        deny:
          - {namespaces: [payments], names: ["db-*"]}
        """);

    assertThat(access.mayView("pods", "payments", "api", NO_LABELS)).isTrue();
    assertThat(access.mayView("pods", "payments", "db-0", NO_LABELS)).isFalse();
    assertThat(access.mayView("pods", "web", "db-0", NO_LABELS)).isTrue();
  }

  @Test
  void aDenyInAnotherRoleStillWins() {
    Policy policy = parse("""
        users: [{name: u}]
        teams: [{name: t, members: [u]}]
        roles:
          - {name: viewer, allow: [{resources: ['*'], verbs: [view]}]}
          - {name: no-kube-system, deny: [{namespaces: [kube-system]}]}
        bindings:
          - {role: viewer, subjects: ["user:u"]}
          - {role: no-kube-system, subjects: ["team:t"]}
        """);
    Access access = policy.access("u", "prod-a", MONDAY_10_PARIS);

    assertThat(access.mayView("pods", "kube-system", "coredns", NO_LABELS)).isFalse();
    assertThat(access.mayView("pods", "payments", "api", NO_LABELS)).isTrue();
  }

  @Test
  void anAllowStarNeverIncludesSecrets() {
    Access access = accessWithRole("allow: [{resources: ['*'], verbs: [view]}]");

    assertThat(access.mayView("configmaps", "payments", "settings", NO_LABELS)).isTrue();
    assertThat(access.mayView("secrets", "payments", "creds", NO_LABELS)).isFalse();
    assertThat(access.maySubscribe("secrets")).isFalse();
  }

  @Test
  void noAllowGlobIncludesSecretsEither() {
    Access access = accessWithRole("allow: [{resources: ['s*', '*ets'], verbs: [view]}]");

    assertThat(access.mayView("services", "payments", "api", NO_LABELS)).isTrue();
    assertThat(access.mayView("secrets", "payments", "creds", NO_LABELS)).isFalse();
  }

  @Test
  void secretsNamedExplicitlyAreGranted() {
    Access access = accessWithRole("allow: [{namespaces: [payments], resources: ['*', secrets], verbs: [view]}]");

    assertThat(access.mayView("secrets", "payments", "creds", NO_LABELS)).isTrue();
    assertThat(access.mayView("pods", "payments", "api", NO_LABELS)).isTrue();
    assertThat(access.maySubscribe("secrets")).isTrue();
  }

  @Test
  void aDenyStarCoversSecrets() {
    Access access = accessWithRole("""
        allow: [{resources: [secrets, pods], verbs: [view]}]
        deny: [{namespaces: [payments], resources: ['*']}]
        """);

    assertThat(access.mayView("secrets", "payments", "creds", NO_LABELS)).isFalse();
    assertThat(access.mayView("secrets", "web", "creds", NO_LABELS)).isTrue();
  }

  @Test
  void onlyTheCoreSecretsResourceIsSpecial() {
    Access access = accessWithRole("allow: [{resources: ['*'], verbs: [view]}]");
    assertThat(access.mayView("secrets.example.com", "payments", "x", NO_LABELS)).isTrue();
  }

  @Test
  void clusterGlobsDecideWhichRulesApply() {
    Policy policy = withRole("""
        allow:
          - {clusters: ["prod-*"], namespaces: [payments], resources: [pods], verbs: [view]}
          - {clusters: [staging], resources: [pods], verbs: [view]}
        """);

    assertThat(policy.access("u", "prod-eu", MONDAY_10_PARIS).mayView("pods", "payments", "a", NO_LABELS)).isTrue();
    assertThat(policy.access("u", "prod-eu", MONDAY_10_PARIS).mayView("pods", "web", "a", NO_LABELS)).isFalse();
    assertThat(policy.access("u", "staging", MONDAY_10_PARIS).mayView("pods", "web", "a", NO_LABELS)).isTrue();
    assertThat(policy.access("u", "dev", MONDAY_10_PARIS).grantsNothing()).isTrue();
  }

  @Test
  void namespaceGlobsMatchNamespaces() {
    Access access = accessWithRole("allow: [{namespaces: [payments, 'payments-*'], resources: [pods], verbs: [view]}]");

    assertThat(access.mayView("pods", "payments", "a", NO_LABELS)).isTrue();
    assertThat(access.mayView("pods", "payments-eu", "a", NO_LABELS)).isTrue();
    assertThat(access.mayView("pods", "paymentsx", "a", NO_LABELS)).isFalse();
  }

  @Test
  void omittedNamespacesMatchEveryNamespaceAndClusterScopedObjects() {
    Access access = accessWithRole("allow: [{resources: [pods, nodes], verbs: [view]}]");

    assertThat(access.mayView("pods", "anything", "a", NO_LABELS)).isTrue();
    assertThat(access.mayView("nodes", null, "node-1", NO_LABELS)).isTrue();
  }

  @Test
  void aStarNamespaceAlsoMatchesClusterScopedObjects() {
    Access access = accessWithRole("allow: [{namespaces: ['*'], resources: [nodes], verbs: [view]}]");
    assertThat(access.mayView("nodes", null, "node-1", NO_LABELS)).isTrue();
  }

  @Test
  void aNamespacedRuleNeverMatchesClusterScopedObjects() {
    Access access = accessWithRole("""
        allow: [{namespaces: ['*-*', payments], resources: ['*'], verbs: [view]}]
        """);

    assertThat(access.mayView("nodes", null, "node-1", NO_LABELS)).isFalse();
    assertThat(access.mayView("clusterroles.rbac.authorization.k8s.io", null, "admin", NO_LABELS)).isFalse();
  }

  @Test
  void aNamespacedDenyNeverHidesClusterScopedObjects() {
    Access access = accessWithRole("""
        allow: [{resources: [nodes], verbs: [view]}]
        deny: [{namespaces: [payments], resources: ['*']}]
        """);
    assertThat(access.mayView("nodes", null, "node-1", NO_LABELS)).isTrue();
  }

  @Test
  void nameGlobsMatchObjectNames() {
    Access access = accessWithRole("allow: [{resources: [pods], names: ['api-*', db], verbs: [view]}]");

    assertThat(access.mayView("pods", "payments", "api-7f9", NO_LABELS)).isTrue();
    assertThat(access.mayView("pods", "payments", "db", NO_LABELS)).isTrue();
    assertThat(access.mayView("pods", "payments", "db-0", NO_LABELS)).isFalse();
  }

  @Test
  void aLabelSelectorRestrictsTheObjectsARuleMatches() {
    Access access = accessWithRole("allow: [{resources: [pods], labelSelector: 'tier in (web,api)', verbs: [view]}]");

    assertThat(access.mayView("pods", "payments", "a", Map.of("tier", "web"))).isTrue();
    assertThat(access.mayView("pods", "payments", "a", Map.of("tier", "db"))).isFalse();
    assertThat(access.mayView("pods", "payments", "a", null)).isFalse();
  }

  @Test
  void aDenyWithALabelSelectorHidesOnlyTheObjectsItSelects() {
    Access access = accessWithRole("""
        allow: [{resources: [pods], verbs: [view]}]
        deny: [{labelSelector: 'canary=true'}]
        """);

    assertThat(access.mayView("pods", "payments", "a", Map.of("canary", "true"))).isFalse();
    assertThat(access.mayView("pods", "payments", "a", Map.of("canary", "false"))).isTrue();
    assertThat(access.maySubscribe("pods")).isTrue();
  }

  @Test
  void aNamespaceObjectIsVisibleToWhoeverMaySeeIntoIt() {
    Access access = accessWithRole("""
        allow: [{namespaces: ['payments-*'], resources: [pods], labelSelector: 'tier=web', verbs: [view]}]
        """);

    assertThat(access.mayView("namespaces", null, "payments-eu", NO_LABELS)).isTrue();
    assertThat(access.mayView("namespaces", null, "web", NO_LABELS)).isFalse();
    assertThat(access.maySeeInto("payments-eu")).isTrue();
    assertThat(access.maySubscribe("namespaces")).isTrue();
  }

  @Test
  void rulesGrantingNamespacesDirectlyStillApply() {
    Access access = accessWithRole("allow: [{resources: [namespaces], names: [web], verbs: [view]}]");

    assertThat(access.mayView("namespaces", null, "web", NO_LABELS)).isTrue();
    assertThat(access.mayView("namespaces", null, "payments", NO_LABELS)).isTrue();
  }

  @Test
  void aDenyOfEverythingInANamespaceHidesItsNamespaceObject() {
    Access access = accessWithRole("""
        allow: [{resources: [pods], verbs: [view]}]
        deny: [{namespaces: [kube-system], resources: ['*']}]
        """);

    assertThat(access.mayView("namespaces", null, "kube-system", NO_LABELS)).isFalse();
    assertThat(access.mayView("namespaces", null, "payments", NO_LABELS)).isTrue();
  }

  @Test
  void aPartialDenyInANamespaceLeavesItsNamespaceObjectVisible() {
    Access access = accessWithRole("""
        allow: [{resources: [pods, services], verbs: [view]}]
        deny: [{namespaces: [payments], resources: [pods]}]
        """);
    assertThat(access.mayView("namespaces", null, "payments", NO_LABELS)).isTrue();
  }

  @Test
  void aDenyOfTheNamespaceObjectItselfHidesIt() {
    Access access = accessWithRole("""
        allow: [{resources: [pods], verbs: [view]}]
        deny: [{resources: [namespaces], names: [kube-system]}]
        """);

    assertThat(access.mayView("namespaces", null, "kube-system", NO_LABELS)).isFalse();
    assertThat(access.mayView("pods", "kube-system", "coredns", NO_LABELS)).isTrue();
  }

  @Test
  void aSubscriptionIsForbiddenWhenNoAllowReachesTheResource() {
    Access access = accessWithRole("allow: [{namespaces: [payments], resources: [pods], verbs: [view]}]");

    assertThat(access.maySubscribe("pods")).isTrue();
    assertThat(access.maySubscribe("services")).isFalse();
  }

  @Test
  void aSubscriptionIsForbiddenWhenADenyHidesTheResourceEverywhere() {
    Access access = accessWithRole("""
        allow: [{resources: ['*'], verbs: [view]}]
        deny: [{resources: [configmaps]}]
        """);

    assertThat(access.maySubscribe("configmaps")).isFalse();
    assertThat(access.maySubscribe("pods")).isTrue();
  }

  @Test
  void teamMembersGetTheTeamsBindingsAndOthersDoNot() {
    Policy policy = parse("""
        users: [{name: alice}, {name: bob}]
        teams: [{name: payments, members: [alice]}]
        roles: [{name: viewer, allow: [{resources: [pods], verbs: [view]}]}]
        bindings: [{role: viewer, subjects: ["team:payments"]}]
        """);

    assertThat(policy.access("alice", "c", MONDAY_10_PARIS).mayView("pods", "x", "y", NO_LABELS)).isTrue();
    assertThat(policy.access("bob", "c", MONDAY_10_PARIS).mayView("pods", "x", "y", NO_LABELS)).isFalse();
  }

  @Test
  void aResourceViewDecidesLikeItsAccess() {
    Access access = accessWithRole("""
        allow: [{resources: [pods], labelSelector: 'tier=web', verbs: [view]}]
        deny: [{names: [secret-*]}]
        """);
    ResourceView pods = access.view("pods");

    assertThat(pods).isSameAs(access.view("pods"));
    assertThat(pods.mayView("a", "api", Map.of("tier", "web"))).isTrue();
    assertThat(pods.mayView("a", "secret-api", Map.of("tier", "web"))).isFalse();
    assertThat(pods.mayView("a", "api", Map.of("tier", "db"))).isFalse();
  }
}
