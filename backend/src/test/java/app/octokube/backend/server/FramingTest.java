package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.backend.stream.StreamLimits;
import app.octokube.protocol.Codec;
import app.octokube.protocol.client.ClientDelta;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How messages are cut into WebSocket frames: one frame when it fits, else continuation frames. */
class FramingTest {
  private static final int FRAME_BYTES = 512;

  /** One text message as it came: its frames' sizes and its whole text. */
  private record Received(List<Integer> frames, String text) {}

  private TestBackend backend;
  private FakeAgent agent;
  private final List<Received> received = new ArrayList<>();
  private List<Integer> frames = new ArrayList<>();
  private StringBuilder text = new StringBuilder();

  @BeforeEach
  void start() {
    backend = new TestBackend(StreamLimits.DEFAULTS.withOutboundFrameBytes(FRAME_BYTES), "alice");
    backend.access.grant("alice", TestAccess.Grant.of("c1", Set.of("payments"), Set.of("pods")));
    agent = backend.agent("c1", "pods").connect();
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void aDeltaThatFitsIsOneFrameALargerOneIsFragmentedAndBothReadTheSame() {
    ClientWebSocket ws = backend.webSockets.webSocket();
    ws.frameHandler(frame -> {
      if (frame.type() == WebSocketFrameType.TEXT || frame.type() == WebSocketFrameType.CONTINUATION) {
        synchronized (this) {
          frames.add(frame.binaryData().length());
          text.append(frame.textData());
          if (frame.isFinal()) {
            received.add(new Received(frames, text.toString()));
            frames = new ArrayList<>();
            text = new StringBuilder();
          }
        }
      }
    });
    FakeAgent.await(ws.connect(TestClient.options(backend.port(), "token-alice", TestClient.ORIGIN)));
    ws.writeTextMessage("{\"op\":\"subscribe\",\"cluster\":\"c1\",\"resource\":\"pods\"}");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> messages().stream().anyMatch(m -> m.text().contains("\"snapshot\"")));

    long small = agent.upsert("pods", "payments/api-1", Map.of(), FanoutTest.pod("api-1"));
    Received smallDelta = awaitDeltaTo(small);
    assertThat(smallDelta.frames()).hasSize(1);

    String bigName = "api-" + "x".repeat(2 * FRAME_BYTES);
    long big = agent.upsert("pods", "payments/api-2", Map.of(), FanoutTest.pod(bigName));
    Received bigDelta = awaitDeltaTo(big);
    assertThat(bigDelta.frames()).hasSizeGreaterThan(1)
        .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(FRAME_BYTES));
    assertThat(bigDelta.text()).startsWith("{\"op\":\"delta\",\"cluster\":\"c1\",").contains(bigName);
  }

  private synchronized List<Received> messages() {
    return List.copyOf(received);
  }

  private Received awaitDeltaTo(long version) {
    Codec codec = new Codec();
    Received[] found = new Received[1];
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      for (Received message : messages()) {
        if (message.text().startsWith("{\"op\":\"delta\"")
            && codec.decodeServerMessage(message.text()).orElseThrow() instanceof ClientDelta delta
            && delta.to().value() >= version) {
          found[0] = message;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }
}
