package app.octokube.backend.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/virtual-rbac.md, read from the page itself, so the page cannot drift
 * from the code: every row of its table is checked here.
 */
class WorkedExampleTest {
  private static final Path PAGE = Path.of("..", "docs", "virtual-rbac.md");
  private static final Instant TEN = Instant.parse("2026-06-01T08:00:00Z");
  private static final Instant SEVEN_PM = Instant.parse("2026-06-01T17:00:00Z");
  private static final Instant TEN_PM = Instant.parse("2026-06-01T20:00:00Z");
  private static final Map<String, String> NONE = Map.of();

  private final Policy policy = Policies.parse(exampleYaml());

  private static String exampleYaml() {
    try {
      String page = Files.readString(PAGE);
      int section = page.indexOf("## Worked example");
      int start = page.indexOf("```yaml\n", section) + "```yaml\n".length();
      return page.substring(start, page.indexOf("```", start));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + PAGE.toAbsolutePath(), e);
    }
  }

  private boolean sees(
      String user, Instant at, String resource, String namespace, String name, Map<String, String> labels) {
    return policy.access(user, "prod-eu", at).mayView(resource, namespace, name, labels);
  }

  @Test
  void aliceSeesThePaymentsNamespacesButNoSecretsNoHiddenObjectsAndNoNodes() {
    assertThat(sees("alice", TEN, "pods", "payments", "api-7f9", NONE)).isTrue();
    assertThat(sees("alice", TEN, "secrets", "payments", "payments-db", NONE)).isFalse();
    assertThat(sees("alice", TEN, "pods", "payments", "debug", Map.of("octokube.app/hidden", "true"))).isFalse();
    assertThat(sees("alice", TEN, "namespaces", null, "payments", NONE)).isTrue();
    assertThat(sees("alice", TEN, "namespaces", null, "web", NONE)).isFalse();
    assertThat(sees("alice", TEN, "nodes", null, "node-1", NONE)).isFalse();
  }

  @Test
  void bobSeesPaymentsOnlyInsideHisWindow() {
    assertThat(sees("bob", TEN, "pods", "payments", "api-7f9", NONE)).isTrue();
    assertThat(sees("bob", SEVEN_PM, "pods", "payments", "api-7f9", NONE)).isFalse();
  }

  @Test
  void carolSeesTheClusterButInsideKubeSystemAndThePaymentsSecretsOnlyAtNight() {
    assertThat(sees("carol", TEN, "nodes", null, "node-1", NONE)).isTrue();
    assertThat(sees("carol", TEN, "pods", "kube-system", "coredns", NONE)).isFalse();
    assertThat(sees("carol", TEN, "namespaces", null, "kube-system", NONE)).isTrue();
    assertThat(sees("carol", TEN, "secrets", "payments", "payments-db", NONE)).isFalse();
    assertThat(sees("carol", TEN_PM, "secrets", "payments", "payments-db", NONE)).isTrue();
    assertThat(sees("carol", TEN_PM, "secrets", "payments", "other", NONE)).isFalse();
  }

  @Test
  void ciSeesOnlyStaging() {
    assertThat(sees("ci", TEN, "pods", "payments", "api-7f9", NONE)).isFalse();
    Access staging = policy.access("ci", "staging", TEN);
    assertThat(staging.maySubscribe("pods")).isTrue();
    assertThat(staging.maySubscribe("deployments.apps")).isTrue();
  }

  @Test
  void subscriptionsAreAnsweredAsThePageSays() {
    Access alice = policy.access("alice", "prod-eu", TEN);
    assertThat(alice.maySubscribe("pods")).isTrue();
    assertThat(alice.maySubscribe("namespaces")).isTrue();
    assertThat(alice.maySubscribe("secrets")).isFalse();
    Access ci = policy.access("ci", "prod-eu", TEN);
    assertThat(ci.maySubscribe("pods")).isFalse();
    assertThat(ci.maySubscribe("namespaces")).isFalse();
  }

  @Test
  void nextChangesAreAsThePageSays() {
    assertThat(policy.nextChange("carol", TEN)).isEqualTo(Instant.parse("2026-06-01T18:00:00Z"));
    assertThat(policy.nextChange("bob", TEN)).isEqualTo(Instant.parse("2026-06-01T16:00:00Z"));
    assertThat(policy.nextChange("alice", TEN)).isNull();
  }

  @Test
  void theExampleTokensBelongToTheirUsers() {
    assertThat(policy.userForToken("carol-example-token-7Qm2")).contains("carol");
    assertThat(policy.userForToken("ci-example-token-Xw9f")).contains("ci");
  }
}
