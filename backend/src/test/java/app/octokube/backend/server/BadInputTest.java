package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.backend.stream.StreamLimits;
import app.octokube.protocol.CloseCode;
import app.octokube.protocol.client.ErrorCode;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.client.Snapshot;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input gets its clear error or close code, and changes nothing for anyone else. */
class BadInputTest {
  private TestBackend backend;
  private FakeAgent agent;
  private TestClient bystander;

  private void start(StreamLimits limits) {
    backend = new TestBackend(limits, "alice", "bob");
    backend.access
        .grant("alice", TestAccess.Grant.of("c1", Set.of("payments"), Set.of("pods")))
        .grant("bob", TestAccess.Grant.of("c1", Set.of("payments"), Set.of("pods")));
    agent = backend.agent("c1", "pods", "secrets").connect();
    agent.upsert("pods", "payments/api-1", Map.of(), FanoutTest.pod("api-1"));
    bystander = backend.client("bob");
    bystander.hello();
    bystander.subscribe("c1", "pods");
    bystander.awaitMessage(Snapshot.class, snapshot -> true);
  }

  private void start() {
    start(StreamLimits.DEFAULTS);
  }

  @AfterEach
  void stop() {
    long last = agent.upsert("pods", "payments/api-9", Map.of(), FanoutTest.pod("api-9"));
    bystander.awaitDeltaTo(last);
    assertThat(bystander.errors()).isEmpty();
    assertThat(ClientState.replay(bystander.messages(), "c1", "pods").gaps()).isEmpty();
    backend.close();
  }

  @Test
  void malformedJsonIsAnsweredBadRequestAndTheStreamStaysUp() {
    start();
    TestClient alice = helloed();

    alice.send("{\"op\":\"subscribe\",");

    assertThat(awaitError(alice).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertStillServes(alice);
  }

  @Test
  void anUnknownOpIsAnsweredUnknownOp() {
    start();
    TestClient alice = helloed();

    alice.send("{\"op\":\"delete\",\"cluster\":\"c1\",\"resource\":\"pods\"}");

    assertThat(awaitError(alice).code()).isEqualTo(ErrorCode.UNKNOWN_OP);
    assertStillServes(alice);
  }

  @Test
  void anOversizedFrameIsAnsweredTooLargeAndTheStreamStaysUp() {
    start(StreamLimits.DEFAULTS.withMaxRequestBytes(4096));
    TestClient alice = helloed();

    alice.send("{\"op\":\"subscribe\",\"cluster\":\"c1\",\"resource\":\"pods\",\"pad\":\"" + "x".repeat(10_000) + "\"}");

    assertThat(awaitError(alice).code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertStillServes(alice);
  }

  @Test
  void twentyBadFramesInARowCloseTheStreamWithPolicyViolation() {
    start();
    TestClient alice = helloed();

    for (int i = 0; i < 20; i++) {
      alice.send("nonsense");
    }

    awaitClose(alice, CloseCode.POLICY_VIOLATION);
  }

  @Test
  void aBinaryFrameClosesTheStreamWithPolicyViolation() {
    start();
    TestClient alice = helloed();

    alice.socket().writeBinaryMessage(Buffer.buffer("{\"op\":\"subscribe\"}"));

    awaitClose(alice, CloseCode.POLICY_VIOLATION);
  }

  @Test
  void requestsBeyondTheRateAreAnsweredRateLimitedThenTheStreamIsClosed() {
    start(StreamLimits.DEFAULTS.withRequestRate(0.001, 2));
    TestClient alice = helloed();

    for (int i = 0; i < 30; i++) {
      alice.unsubscribe("c1", "pods");
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> !alice.errors().isEmpty());
    assertThat(alice.errors().get(0).code()).isEqualTo(ErrorCode.RATE_LIMITED);
    awaitClose(alice, CloseCode.RATE_LIMITED);
  }

  @Test
  void aClientThatAnswersNoPingIsClosedAfterTheIdleTimeout() throws Exception {
    start(StreamLimits.DEFAULTS.withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(400)));

    try (Socket silent = new Socket("127.0.0.1", backend.port())) {
      silent.setSoTimeout(5_000);
      OutputStream out = silent.getOutputStream();
      out.write(("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          + "Authorization: Bearer token-alice\r\nOrigin: " + TestClient.ORIGIN + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      assertThat(closeCodeOf(new DataInputStream(silent.getInputStream()))).isEqualTo(CloseCode.GOING_AWAY.code());
    }
  }

  /** Reads a raw WebSocket handshake answer, then frames, answering none, until a close frame. */
  private static int closeCodeOf(DataInputStream in) throws IOException {
    String line;
    do {
      line = readLine(in);
    } while (!line.isEmpty());
    while (true) {
      int opcode = in.readUnsignedByte() & 0x0f;
      long length = in.readUnsignedByte() & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = in.readNBytes((int) length);
      if (opcode == 8) {
        return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
      }
    }
  }

  private static String readLine(DataInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.readUnsignedByte()) != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Test
  void aForeignOriginIsRefusedWith403() {
    start();
    assertThat(refusal("token-alice", "https://evil.example.test")).isEqualTo(403);
  }

  @Test
  void aMissingOriginIsAcceptedOnlyWithABearerToken() {
    start();
    TestClient program = TestClient.connect(backend.webSockets, backend.port(), "token-alice", null);
    assertThat(program.hello().user()).isEqualTo("alice");
    assertThat(refusal(null, null)).isEqualTo(403);
  }

  @Test
  void aMissingBearerTokenIsRefusedWith401() {
    start();
    assertThat(refusal(null, TestClient.ORIGIN)).isEqualTo(401);
  }

  @Test
  void aWrongBearerTokenIsRefusedWith401() {
    start();
    assertThat(refusal("token-mallory", TestClient.ORIGIN)).isEqualTo(401);
  }

  @Test
  void oneStreamTooManyForAUserIsRefusedWith429() {
    start(StreamLimits.DEFAULTS.withConnectionLimits(2, 256));
    backend.client("alice").hello();
    backend.client("alice").hello();
    assertThat(refusal("token-alice", TestClient.ORIGIN)).isEqualTo(429);
  }

  @Test
  void aWrongAgentTokenIsRefusedWith401() {
    start();
    Throwable failure = new FakeAgent(backend.clients, backend.port(), "agent-c9", "pods").connectFailure();
    assertThat(failure).isInstanceOfSatisfying(UpgradeRejectedException.class,
        rejected -> assertThat(rejected.getStatus()).isEqualTo(401));
    Throwable missing = new FakeAgent(backend.clients, backend.port(), null, "pods").connectFailure();
    assertThat(missing).isInstanceOfSatisfying(UpgradeRejectedException.class,
        rejected -> assertThat(rejected.getStatus()).isEqualTo(401));
  }

  @Test
  void aSecondAgentForAClusterReplacesTheFirstWhichIsClosedReplaced() {
    start();
    FakeAgent second = backend.agent("c1", "pods", "secrets").connect();

    await().atMost(Duration.ofSeconds(5)).until(() -> agent.closeStatus() != null);
    assertThat(agent.closeStatus()).isEqualTo((short) CloseCode.REPLACED.code());
    agent = second;
  }

  @Test
  void aSubscriptionToAnUnknownClusterIsAnsweredUnknownCluster() {
    start();
    TestClient alice = helloed();

    alice.subscribe("c9", "pods");

    assertOnly(alice, ErrorCode.UNKNOWN_CLUSTER);
  }

  @Test
  void aSubscriptionToAnUnknownResourceIsAnsweredUnknownResource() {
    start(StreamLimits.DEFAULTS);
    backend.access.grant("alice", TestAccess.Grant.of("c1", Set.of("payments"), Set.of("pods", "widgets.example.com")));
    TestClient alice = helloed();

    alice.subscribe("c1", "widgets.example.com");

    assertOnly(alice, ErrorCode.UNKNOWN_RESOURCE);
  }

  @Test
  void aSubscriptionToAForbiddenResourceIsAnsweredForbidden() {
    start();
    TestClient alice = helloed();

    alice.subscribe("c1", "secrets");

    assertOnly(alice, ErrorCode.FORBIDDEN);
  }

  @Test
  void aSubscriptionBeyondTheLimitIsAnsweredTooManySubscriptions() {
    start(StreamLimits.DEFAULTS.withConnectionLimits(16, 1));
    TestClient alice = helloed();
    alice.subscribe("c1", "pods");
    alice.awaitMessage(Snapshot.class, snapshot -> true);

    alice.subscribe("c1", "secrets");

    assertThat(awaitError(alice).code()).isEqualTo(ErrorCode.TOO_MANY_SUBSCRIPTIONS);
  }

  private TestClient helloed() {
    TestClient alice = backend.client("alice");
    alice.hello();
    return alice;
  }

  private int refusal(String token, String origin) {
    try {
      FakeAgent.await(backend.webSockets.connect(TestClient.options(backend.port(), token, origin)));
      return 101;
    } catch (IllegalStateException e) {
      return ((UpgradeRejectedException) e.getCause()).getStatus();
    }
  }

  private static ErrorMessage awaitError(TestClient client) {
    return client.awaitMessage(ErrorMessage.class, error -> true);
  }

  /** The error, with its cluster and resource, and nothing else after the hello. */
  private void assertOnly(TestClient client, ErrorCode code) {
    ErrorMessage error = awaitError(client);
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.cluster()).isNotNull();
    assertThat(error.resource()).isNotNull();
    long last = agent.upsert("pods", "payments/api-2", Map.of(), FanoutTest.pod("api-2"));
    bystander.awaitDeltaTo(last);
    assertThat(client.messages()).hasSize(2);
  }

  private void assertStillServes(TestClient client) {
    client.subscribe("c1", "pods");
    assertThat(client.awaitMessage(Snapshot.class, snapshot -> true).items()).hasSize(1);
    assertThat(client.closeStatus()).isNull();
  }

  private static void awaitClose(TestClient client, CloseCode code) {
    await().atMost(Duration.ofSeconds(5)).until(() -> client.closeStatus() != null);
    assertThat(client.closeStatus()).isEqualTo((short) code.code());
  }
}
