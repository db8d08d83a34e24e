package app.octokube.backend.rbac;

import static app.octokube.backend.rbac.Policies.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of invalid policy is refused whole, with the line of the offending node and what is
 * wrong with it. One example per kind of error.
 */
class PolicyErrorsTest {
  private static final String USERS = "users: [{name: alice}, {name: bob}, {name: carol}]\n";
  private static final String ROLE = "roles: [{name: viewer, allow: [{resources: [pods], verbs: [view]}]}]\n";
  private static final String TEAM = "teams: [{name: payments, members: [alice]}]\n";

  record Case(String kind, int line, String message, String yaml) {
    @Override
    public String toString() {
      return kind;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("YAML syntax", 2, "YAML syntax: expected ',' or ']'", "users: [{name: alice}\nroles: []\n"),
        new Case("several documents", 2, "YAML syntax: but found another document", "users: []\n---\nroles: []\n"),
        new Case("empty document", 1, "the policy is empty; write {} for a policy that grants nothing", "# nothing\n"),
        new Case("root not a mapping", 1, "the policy must be a mapping of fields, not a list", "- users\n"),
        new Case("unknown section", 1, "unknown field \"user\" in the policy (did you mean \"users\"?)", "user: []\n"),
        new Case("unknown field", 3, "unknown field \"grant\" in a role (known: name, allow, deny)", """
            roles:
              - name: viewer
                grant: []
            """),
        new Case("unknown field, close to a known one", 5,
            "unknown field \"namspaces\" in an allow rule (did you mean \"namespaces\"?)", """
            roles:
              - name: viewer
                allow:
                  - resources: [pods]
                    namspaces: [payments]
                    verbs: [view]
            """),
        new Case("duplicate key", 3, "duplicate field \"name\" in a user (first on line 2)", """
            users:
              - name: alice
                name: bob
            """),
        new Case("list expected", 1, "roles must be a list, not a string", "roles: viewer\n"),
        new Case("mapping expected", 2, "a user must be a mapping of fields, not a string", "users:\n  - alice\n"),
        new Case("string expected", 1, "user name must be a string, not a list", "users: [{name: [alice]}]\n"),
        new Case("no value", 2, "user name has no value", "users:\n  - name: ~\n"),
        new Case("custom tag", 1, "tag \"!secret\" is not allowed: the policy uses plain YAML only",
            "users: [{name: !secret alice}]\n"),
        new Case("bad user name", 1, "user name \"alice smith\" is not valid", "users: [{name: alice smith}]\n"),
        new Case("duplicate user", 4, "duplicate user \"alice\" (first defined on line 2)", """
            users:
              - name: alice
              - name: bob
              - name: alice
            """),
        new Case("bad password hash", 3, "passwordHash of user \"alice\" is not a bcrypt hash", """
            users:
              - name: alice
                passwordHash: hunter2
            """),
        new Case("bad token hash", 3, "a token of user \"alice\" is not \"sha256:\" then 64 hex digits", """
            users:
              - name: alice
                tokens: [okt_plain_token_pasted_by_mistake]
            """),
        new Case("token hash shared by two users", 5,
            "a token of user \"bob\" has the same hash as one of user \"alice\"", """
            users:
              - name: alice
                tokens: ["sha256:5f2bd10c7dc9899c7d74daaa07c9f33c2716787b0969bec2b1f2b1905cd81532"]
              - name: bob
                tokens: ["sha256:5F2BD10C7DC9899C7D74DAAA07C9F33C2716787B0969BEC2B1F2B1905CD81532"]
            """),
        new Case("duplicate team", 4, "duplicate team \"payments\" (first defined on line 3)", USERS + """
            teams:
              - {name: payments, members: [alice]}
              - {name: payments, members: [bob]}
            """),
        new Case("team member not defined", 4,
            "team \"payments\" lists unknown user \"carl\" (did you mean \"carol\"?); every member must be defined"
                + " under users", USERS + """
            teams:
              - name: payments
                members: [alice, carl]
            """),
        new Case("duplicate list item", 3, "members lists \"alice\" twice", USERS + """
            teams:
              - {name: payments, members: [alice, alice]}
            """),
        new Case("duplicate role", 3, "duplicate role \"viewer\" (first defined on line 2)", """
            roles:
              - {name: viewer, allow: [{resources: [pods], verbs: [view]}]}
              - {name: viewer, allow: [{resources: [nodes], verbs: [view]}]}
            """),
        new Case("role without rules", 2, "role \"viewer\" has no rules: give it allow or deny rules", """
            roles:
              - name: viewer
            """),
        new Case("unknown verb", 6, "unknown verb \"veiw\" (known: view)", """
            roles:
              - name: viewer
                allow:
                  - namespaces: [payments]
                    resources: [pods]
                    verbs: [veiw]
            """),
        new Case("allow without verbs", 4, "an allow rule needs \"verbs\"", """
            roles:
              - name: viewer
                allow:
                  - resources: [pods]
            """),
        new Case("allow without resources", 4, "an allow rule needs \"resources\"", """
            roles:
              - name: viewer
                allow:
                  - verbs: [view]
            """),
        new Case("empty list in a rule", 4, "namespaces is empty: list at least one, or leave the field out", """
            roles:
              - name: viewer
                allow:
                  - namespaces: []
                    resources: [pods]
                    verbs: [view]
            """),
        new Case("bad cluster glob", 4, "bad glob \"Prod-*\" in clusters: use lowercase letters, digits, '-' and '*'",
            """
            roles:
              - name: viewer
                deny:
                  - clusters: ["Prod-*"]
            """),
        new Case("bad namespace glob", 4, "bad glob \"pay ments\" in namespaces", """
            roles:
              - name: viewer
                deny:
                  - namespaces: ["pay ments"]
            """),
        new Case("bad resource glob", 4, "bad glob \"Pods\" in resources", """
            roles:
              - name: viewer
                deny:
                  - resources: [Pods]
            """),
        new Case("cluster id that cannot exist", 4,
            "\"prod-\" in clusters is not a DNS-1123 label", """
            roles:
              - name: viewer
                deny:
                  - clusters: [prod-]
            """),
        new Case("grouped resource without its group", 4,
            "resource \"deployments\" is not a core resource, and any other needs its group (did you mean"
                + " \"deployments.apps\"?)", """
            roles:
              - name: viewer
                deny:
                  - resources: [deployments]
            """),
        new Case("singular resource", 4, "resource \"pod\" is not a core resource, and any other needs its group"
            + " (did you mean \"pods\"?)", """
            roles:
              - name: viewer
                deny:
                  - resources: [pod]
            """),
        new Case("resource not in kubectl form", 4, "resource \"pods.\" is not in kubectl form", """
            roles:
              - name: viewer
                deny:
                  - resources: [pods.]
            """),
        new Case("bad name glob", 4, "bad glob \"payments/api\" in names", """
            roles:
              - name: viewer
                deny:
                  - names: [payments/api]
            """),
        new Case("bad label selector", 4,
            "bad labelSelector \"tier in web\": expected \"(\" after \"in\" (at character 9)", """
            roles:
              - name: viewer
                deny:
                  - labelSelector: "tier in web"
            """),
        new Case("binding to unknown role", 4, "binding to unknown role \"viewr\" (did you mean \"viewer\"?)",
            USERS + ROLE + """
            bindings:
              - role: viewr
                subjects: ["user:alice"]
            """),
        new Case("binding to unknown user", 4, "unknown user \"alcie\" (did you mean \"alice\"?)", USERS + ROLE + """
            bindings:
              - {role: viewer, subjects: ["user:alcie"]}
            """),
        new Case("binding to unknown team", 5, "unknown team \"paymnts\" (did you mean \"payments\"?)",
            USERS + TEAM + ROLE + """
            bindings:
              - {role: viewer, subjects: ["team:paymnts"]}
            """),
        new Case("subject without kind", 4, "subject \"alice\" must be \"user:NAME\" or \"team:NAME\"",
            USERS + ROLE + """
            bindings:
              - {role: viewer, subjects: [alice]}
            """),
        new Case("binding without subjects", 4, "a binding needs \"subjects\"", USERS + ROLE + """
            bindings:
              - role: viewer
            """),
        new Case("unknown day", 6, "unknown day \"monday\" (did you mean \"mon\"?) (known: mon, tue, wed, thu, fri,"
            + " sat, sun)", USERS + ROLE + """
            bindings:
              - role: viewer
                subjects: ["user:alice"]
                schedule: {days: [monday], from: "09:00", to: "18:00", timezone: UTC}
            """),
        new Case("bad time", 6, "from \"9:00\" is not a time of day: write \"HH:MM\", 00:00 to 23:59",
            USERS + ROLE + """
            bindings:
              - role: viewer
                subjects: ["user:alice"]
                schedule: {from: "9:00", to: "18:00", timezone: UTC}
            """),
        new Case("empty window", 6, "from and to are both 09:00", USERS + ROLE + """
            bindings:
              - role: viewer
                subjects: ["user:alice"]
                schedule: {from: "09:00", to: "09:00", timezone: UTC}
            """),
        new Case("schedule without timezone", 6, "a schedule needs \"timezone\"", USERS + ROLE + """
            bindings:
              - role: viewer
                subjects: ["user:alice"]
                schedule: {from: "09:00", to: "18:00"}
            """),
        new Case("bad timezone", 9, "unknown timezone \"Europe/Pari\" (did you mean \"Europe/Paris\"?)",
            USERS + ROLE + """
            bindings:
              - role: viewer
                subjects: ["user:alice"]
                schedule:
                  from: "09:00"
                  to: "18:00"
                  timezone: Europe/Pari
            """),
        new Case("bad expiry", 6, "expires \"2027-01-31\" is not a date and time with an offset",
            USERS + ROLE + """
            bindings:
              - role: viewer
                subjects: ["user:alice"]
                expires: "2027-01-31"
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void anInvalidPolicyIsRefusedWithTheLineAndTheProblem(Case example) {
    PolicyException refusal = refusal(example.yaml());

    assertThat(refusal.line()).as(refusal.getMessage()).isEqualTo(example.line());
    assertThat(refusal.getMessage()).startsWith("line " + example.line() + ", column ");
    assertThat(refusal.problem()).startsWith(example.message());
  }

  @Test
  void theColumnPointsAtTheOffendingNode() {
    PolicyException refusal = refusal("users: [{name: alice}]\nroles: [{name: r, allow: [{resources: [pods], verbs: [veiw]}]}]\n");
    assertThat(refusal.getMessage()).isEqualTo("line 2, column 55: unknown verb \"veiw\" (known: view)");
  }

  @Test
  void refusalsNeverQuoteAPasswordOrATokenPastedInClear() {
    assertThat(refusal("users: [{name: alice, passwordHash: hunter2}]").getMessage()).doesNotContain("hunter2");
    assertThat(refusal("users: [{name: alice, tokens: [okt_live_abc123]}]").getMessage())
        .doesNotContain("okt_live_abc123");
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char level = 'b'; level <= 'i'; level++) {
      char previous = (char) (level - 1);
      yaml.append(level).append(": &").append(level).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
      }
      yaml.append("]\n");
    }
    PolicyException refusal = refusal(yaml.toString());
    assertThat(refusal.line()).isZero();
    assertThat(refusal.getMessage()).contains("aliases").contains("max=" + PolicyParser.MAX_ALIASES);
  }

  @Test
  void aliasesThatWouldMakeTheParserReadTooManyNodesAreRefused() {
    StringBuilder clusters = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      clusters.append(i == 0 ? "" : ", ").append("c").append(i);
    }
    StringBuilder yaml = new StringBuilder("roles:\n  - name: r\n    deny:\n");
    yaml.append("      - clusters: &many [").append(clusters).append("]\n");
    for (int i = 0; i < PolicyParser.MAX_ALIASES; i++) {
      yaml.append("      - clusters: *many\n");
    }
    PolicyException refusal = refusal(yaml.toString());
    assertThat(refusal.problem())
        .isEqualTo("the policy has more than " + PolicyParser.MAX_NODES + " YAML nodes (counting each alias use)");
  }

  @Test
  void aDocumentOverOneMebibyteIsRefusedBeforeParsing() {
    String huge = "# " + "x".repeat(PolicyParser.MAX_CHARS) + "\n{}";
    PolicyException refusal = refusal(huge);
    assertThat(refusal.line()).isZero();
    assertThat(refusal.getMessage()).startsWith("the policy is too large: ").contains("1 MiB");
  }

  @Test
  void bytesOverOneMebibyteAreRefusedBeforeDecoding() {
    byte[] huge = ("# " + "é".repeat(PolicyParser.MAX_CHARS / 2) + "\n{}").getBytes(StandardCharsets.UTF_8);
    assertThat(huge.length).isGreaterThan(PolicyParser.MAX_CHARS);
    try {
      PolicyParser.parse(huge);
    } catch (PolicyException e) {
      assertThat(e.getMessage()).startsWith("the policy is too large: " + huge.length + " bytes");
      return;
    }
    throw new AssertionError("accepted");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "users: " + "[".repeat(PolicyParser.MAX_DEPTH + 5) + "]".repeat(PolicyParser.MAX_DEPTH + 5);
    PolicyException refusal = refusal(deep);
    assertThat(refusal.line()).isZero();
    assertThat(refusal.getMessage()).contains("Nesting Depth");
  }
}
