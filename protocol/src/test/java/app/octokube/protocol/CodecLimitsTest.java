package app.octokube.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The numbers docs/protocol.md promises, pinned so the two cannot drift apart. */
class CodecLimitsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(CodecLimits.DEFAULTS.agentMessages()).isEqualTo(new FrameLimits(16 << 20, 256));
    assertThat(CodecLimits.DEFAULTS.agentCommands()).isEqualTo(new FrameLimits(64 << 10, 16));
    assertThat(CodecLimits.DEFAULTS.clientRequests()).isEqualTo(new FrameLimits(1 << 20, 64));
    assertThat(CodecLimits.DEFAULTS.serverMessages()).isEqualTo(new FrameLimits(256 << 20, 256));
    assertThat(new Codec().limits()).isEqualTo(CodecLimits.DEFAULTS);
  }

  @Test
  void eachDirectionCanBeConfiguredAlone() {
    FrameLimits tiny = new FrameLimits(10, 2);
    CodecLimits limits = CodecLimits.DEFAULTS.withAgentMessages(tiny).withServerMessages(tiny);

    assertThat(limits.agentMessages()).isEqualTo(tiny);
    assertThat(limits.serverMessages()).isEqualTo(tiny);
    assertThat(limits.clientRequests()).isEqualTo(CodecLimits.CLIENT_REQUESTS);
    assertThat(limits.withAgentCommands(tiny).withClientRequests(tiny).agentCommands()).isEqualTo(tiny);
  }

  @Test
  void limitsAreAtLeastOne() {
    assertThatThrownBy(() -> new FrameLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FrameLimits(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeCodesAreDistinctAndInTheRangesRfc6455Allows() {
    Set<Integer> seen = new HashSet<>();
    for (CloseCode code : CloseCode.values()) {
      assertThat(seen.add(code.code())).as("%s is unique", code).isTrue();
      assertThat(code.code()).satisfiesAnyOf(
          c -> assertThat(c).isBetween(1000, 1011), c -> assertThat(c).isBetween(4000, 4999));
      assertThat(code.reason().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
      assertThat(CloseCode.of(code.code())).contains(code);
    }
    assertThat(CloseCode.of(1005)).isEmpty();
  }

  @Test
  void closeCodesAreTheDocumentedOnes() {
    assertThat(Arrays.stream(CloseCode.values()).mapToInt(CloseCode::code))
        .containsExactly(1000, 1001, 1008, 1009, 1011, 4001, 4003, 4008, 4029);
  }

  @Test
  void quotedInputIsCutAndCleaned() {
    assertThat(WireText.quote("subscribe")).isEqualTo("'subscribe'");
    assertThat(WireText.quote("a\nb\u0000c")).isEqualTo("'a?b?c'");
    assertThat(WireText.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(64) + "…'");
    String rockets = "\ud83d\ude80".repeat(40);
    assertThat(WireText.clean(rockets)).isEqualTo("\ud83d\ude80".repeat(32) + "…");
    assertThat(WireText.clean("a" + rockets)).as("never splits a pair").isEqualTo("a" + "\ud83d\ude80".repeat(31) + "…");
  }

  @Test
  void utf8LengthMatchesTheEncoderAndStopsPastTheLimit() {
    String text = "a\u00e9\u65e5\ud83d\ude80";

    assertThat(WireText.utf8Length(text, 100)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    assertThat(WireText.utf8Length("x".repeat(10_000), 10)).isEqualTo(11);
    assertThat(WireText.utf8Length("\ud800", 10)).isEqualTo(3);
  }
}
