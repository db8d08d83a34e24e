package app.octokube.backend.rbac;

import static app.octokube.backend.rbac.Policies.MONDAY_10_PARIS;
import static app.octokube.backend.rbac.Policies.accessWithRole;
import static app.octokube.backend.rbac.Policies.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link AccessKey}: equal exactly when the applicable rules are the same. */
class AccessKeyTest {
  private static final Policy TEAMS = parse("""
      users: [{name: alice}, {name: bob}, {name: carol}, {name: dave}]
      teams: [{name: payments, members: [alice]}]
      roles:
        - name: viewer
          allow: [{clusters: ["prod-*"], namespaces: [payments], resources: ['*'], verbs: [view]}]
          deny: [{resources: [configmaps]}]
        - name: staging-only
          allow: [{clusters: [staging], resources: ['*'], verbs: [view]}]
      bindings:
        - {role: viewer, subjects: ["team:payments", "user:bob"]}
        - {role: staging-only, subjects: ["user:carol"]}
      """);

  private static AccessKey key(String user, String cluster) {
    return TEAMS.access(user, cluster, MONDAY_10_PARIS).key();
  }

  @Test
  void usersWithTheSameRulesGetEqualKeysWhetherBoundDirectlyOrThroughATeam() {
    assertThat(key("alice", "prod-eu")).isEqualTo(key("bob", "prod-eu"));
  }

  @Test
  void usersWithDifferentRulesGetDifferentKeys() {
    assertThat(key("alice", "staging")).isNotEqualTo(key("carol", "staging"));
  }

  @Test
  void rulesThatDoNotApplyToTheClusterDoNotCount() {
    assertThat(key("carol", "prod-eu")).isEqualTo(key("dave", "prod-eu")).isEqualTo(Access.none().key());
  }

  @Test
  void theSameRulesOnTwoClustersGiveEqualKeys() {
    assertThat(key("alice", "prod-eu")).isEqualTo(key("alice", "prod-us"));
  }

  @Test
  void theOrderAndSpellingOfPatternsAndSelectorsDoNotMatter() {
    Access written = accessWithRole("""
        allow: [{namespaces: [b, a], resources: [pods], labelSelector: 'tier==web, env', verbs: [view]}]
        """);
    Access rewritten = accessWithRole("""
        allow: [{namespaces: [a, b], resources: [pods], labelSelector: 'env,tier=web', verbs: [view]}]
        """);
    assertThat(written.key()).isEqualTo(rewritten.key());
  }

  @Test
  void aRuleGrantedTwiceCountsOnce() {
    Access once = accessWithRole("allow: [{resources: [pods], verbs: [view]}]");
    Access twice = accessWithRole("allow: [{resources: [pods], verbs: [view]}, {resources: [pods], verbs: [view]}]");
    assertThat(once.key()).isEqualTo(twice.key());
  }

  @Test
  void anExplicitSecretsBesideAStarChangesTheKey() {
    Access star = accessWithRole("allow: [{resources: ['*'], verbs: [view]}]");
    Access starAndSecrets = accessWithRole("allow: [{resources: ['*', secrets], verbs: [view]}]");
    assertThat(star.key()).isNotEqualTo(starAndSecrets.key());
  }

  @Test
  void anAllowAndADenyWithTheSameFieldsAreNotConfused() {
    Access allow = accessWithRole("allow: [{resources: [pods], verbs: [view]}]");
    Access allowAndDeny = accessWithRole("""
        allow: [{resources: [pods], verbs: [view]}]
        deny: [{resources: [pods], verbs: [view]}]
        """);
    assertThat(allow.key()).isNotEqualTo(allowAndDeny.key());
  }
}
