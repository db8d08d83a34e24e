package app.octokube.backend.rbac;

import static app.octokube.backend.rbac.Policies.MONDAY_10_PARIS;
import static app.octokube.backend.rbac.Policies.parse;
import static app.octokube.backend.rbac.Policies.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

  @Test
  void theBriefExampleParses() {
    Policy policy = parse(resource("brief-example.yaml"));

    assertThat(policy.userNames()).containsExactly("alice", "bob", "carol");
    assertThat(policy.team("payments").orElseThrow().members()).containsExactlyInAnyOrder("alice", "carol");
    Binding binding = policy.bindings().get(0);
    assertThat(binding.role()).isEqualTo("payments-viewer");
    assertThat(binding.users()).containsExactly("bob");
    assertThat(binding.teams()).containsExactly("payments");
    assertThat(binding.schedule())
        .isEqualTo(new Schedule(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0),
            LocalTime.of(18, 0),
            ZoneId.of("Europe/Paris")));
    assertThat(binding.expires()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
  }

  @Test
  void theBriefExampleGrantsWhatItSays() {
    Access access = parse(resource("brief-example.yaml")).access("carol", "prod-eu", MONDAY_10_PARIS);

    assertThat(access.mayView("pods", "payments", "api-1", Map.of("tier", "web"))).isTrue();
    assertThat(access.mayView("deployments.apps", "payments-eu", "api", Map.of("tier", "api"))).isTrue();
    assertThat(access.mayView("pods", "payments", "db-0", Map.of("tier", "db"))).isFalse();
    assertThat(access.mayView("secrets", "payments", "creds", Map.of("tier", "web"))).isFalse();
    assertThat(access.mayView("pods", "web", "api-1", Map.of("tier", "web"))).isFalse();
    assertThat(access.mayView("namespaces", null, "payments", Map.of())).isTrue();
    assertThat(access.mayView("namespaces", null, "web", Map.of())).isFalse();
  }

  @Test
  void anEmptyMappingIsAPolicyThatGrantsNothing() {
    Policy policy = parse("{}");
    assertThat(policy.userNames()).isEmpty();
    assertThat(policy.access("alice", "prod", MONDAY_10_PARIS).grantsNothing()).isTrue();
  }

  @Test
  void emptySectionsAreEmptyLists() {
    assertThat(parse("users:\nteams:\nroles: []\nbindings:\n").userNames()).isEmpty();
  }

  @Test
  void unquotedTimesAndDatesAreReadAsWritten() {
    Policy policy = parse("""
        users: [{name: u}]
        roles: [{name: r, allow: [{resources: [pods], verbs: [view]}]}]
        bindings:
          - role: r
            subjects: [user:u]
            schedule: {from: 18:00, to: 09:00, timezone: UTC}
            expires: 2027-01-31T00:00:00Z
        """);
    Binding binding = policy.bindings().get(0);
    assertThat(binding.schedule().from()).isEqualTo(LocalTime.of(18, 0));
    assertThat(binding.schedule().to()).isEqualTo(LocalTime.of(9, 0));
    assertThat(binding.schedule().days()).hasSize(7);
    assertThat(binding.expires()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
  }

  @Test
  void anchorsAndAliasesMayShareListsBetweenBindings() {
    Policy policy = parse("""
        users: [{name: a}, {name: b}]
        roles:
          - {name: r1, allow: [{resources: [pods], verbs: [view]}]}
          - {name: r2, allow: [{resources: [services], verbs: [view]}]}
        bindings:
          - {role: r1, subjects: &oncall ["user:a", "user:b"]}
          - {role: r2, subjects: *oncall}
        """);
    assertThat(policy.access("b", "c", MONDAY_10_PARIS).mayView("services", "x", "y", Map.of())).isTrue();
  }

  @Test
  void bytesAreReadAsUtf8WithOrWithoutAByteOrderMark() throws PolicyException {
    String text = "# Zoë's robot\nusers: [{name: zoe}]\n";
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
    assertThat(PolicyParser.parse(body).userNames()).containsExactly("zoe");
    assertThat(PolicyParser.parse(withBom).userNames()).containsExactly("zoe");
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    byte[] latin1 = "users: [{name: zo\u00eb}]".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> PolicyParser.parse(latin1))
        .isInstanceOf(PolicyException.class)
        .hasMessage("the policy is not valid UTF-8");
  }

  @Test
  void aUserMayHaveNeitherPasswordNorTokens() {
    assertThat(parse("users: [{name: robot}]").user("robot").orElseThrow().hasPassword()).isFalse();
  }
}
