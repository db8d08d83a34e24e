package app.octokube.backend.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.octokube.protocol.ClusterId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentTokensTest {
  private static final ClusterId PROD = ClusterId.of("prod");
  private static final ClusterId STAGING = ClusterId.of("staging");

  private final AgentTokens tokens = AgentTokens.fromHashes(Map.of(
      PROD, AgentTokens.sha256Hex("prod-secret"), STAGING, AgentTokens.sha256Hex("staging-secret")));

  @Test
  void aTokenNamesItsCluster() {
    assertThat(tokens.authenticate("prod-secret")).contains(PROD);
    assertThat(tokens.authenticate("staging-secret")).contains(STAGING);
  }

  @Test
  void anUnknownOrMissingTokenNamesNoCluster() {
    assertThat(tokens.authenticate("prod-secre")).isEmpty();
    assertThat(tokens.authenticate("")).isEmpty();
    assertThat(tokens.authenticate(null)).isEmpty();
  }

  @Test
  void twoClustersCannotShareOneToken() {
    assertThatThrownBy(() -> AgentTokens.fromTokens(Map.of(PROD, "same", STAGING, "same")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share one token");
  }

  @Test
  void aMalformedHashIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> AgentTokens.fromHashes(Map.of(PROD, "not-a-hash")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not-a-hash");
  }

  @Test
  void theTokensFixTheSetOfClusters() {
    assertThat(tokens.clusters()).containsExactlyInAnyOrder(PROD, STAGING);
  }
}
