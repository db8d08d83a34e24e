package app.octokube.backend.agents;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.CloseCode;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentCommand;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.AgentHello;
import app.octokube.protocol.link.AgentMessage;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.ResumeAccepted;
import app.octokube.protocol.link.ResumeRequest;
import app.octokube.protocol.link.ResumeTooOld;
import app.octokube.protocol.link.SnapshotChunk;
import app.octokube.protocol.link.SnapshotRequest;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The link's rules, driven on a real owner context with in-memory channels. */
class ClusterLinkTest {
  static {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
  }

  private static final ResourceName PODS = ResourceName.of("pods");
  private static final Epoch FIRST = Epoch.of("first");
  private static final Epoch SECOND = Epoch.of("second");

  private static final class Channel implements AgentChannel {
    final List<AgentCommand> sent = new ArrayList<>();
    CloseCode closed;

    @Override
    public void send(AgentCommand command) {
      sent.add(command);
    }

    @Override
    public void close(CloseCode code) {
      closed = code;
    }
  }

  private static final class Events implements LinkListener {
    final List<String> seen = new ArrayList<>();

    @Override
    public void linkUp(Epoch epoch, long version, List<ResourceName> resources, boolean resumed) {
      seen.add("up " + epoch + " " + version + (resumed ? " resumed" : " new"));
    }

    @Override
    public void linkDown() {
      seen.add("down");
    }

    @Override
    public void delta(AgentDelta delta) {
      seen.add("delta " + delta.version());
    }

    @Override
    public void snapshotChunk(SnapshotChunk chunk) {
      seen.add("chunk " + chunk.requestId());
    }

    @Override
    public void snapshotFailed(String requestId, String code) {
      seen.add("failed " + requestId + " " + code);
    }

    @Override
    public void resourcesChanged(List<ResourceName> resources) {
      seen.add("resources " + resources);
    }
  }

  private Vertx vertx;
  private ClusterLink link;
  private final Events events = new Events();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    OwnerContext owner = OwnerContext.create(vertx).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    link = new ClusterLink(owner, ClusterId.of("c1"), events, LinkMetrics.NONE);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aNewEpochStartsANewHistoryAtTheHellosVersionAndOpensTheDeltaStream() {
    Channel agent = connect(FIRST, 7);
    receive(agent, new ResumeAccepted(FIRST, Version.of(7)));
    receive(agent, delta(FIRST, 8));

    assertThat(events.seen).containsExactly("up first 7 new", "delta 8");
    assertThat(agent.sent).containsExactly(new ResumeRequest(FIRST, Version.of(7)));
    assertThat(agent.closed).isNull();
    assertThat(link.status().connected()).isTrue();
  }

  @Test
  void aKnownEpochWhoseReplayLogNoLongerReachesStartsANewHistoryWithoutAsking() {
    Channel first = connect(FIRST, 7);
    onOwner(() -> link.closed(first));

    Channel second = new Channel();
    onOwner(() -> link.attach(second));
    receive(second, new AgentHello(FIRST, Version.of(40), Version.of(20), List.of(PODS), "test"));

    assertThat(second.sent).containsExactly(new ResumeRequest(FIRST, Version.of(40)));
    assertThat(events.seen).endsWith("down", "up first 40 new");
  }

  @Test
  void helloInTheKnownEpochAsksToResumeAfterTheLastVersion() {
    Channel first = connect(FIRST, 7);
    receive(first, delta(FIRST, 8));
    onOwner(() -> link.closed(first));

    Channel second = connect(FIRST, 12);
    receive(second, new ResumeAccepted(FIRST, Version.of(8)));
    receive(second, delta(FIRST, 9));

    assertThat(second.sent).containsExactly(new ResumeRequest(FIRST, Version.of(8)));
    assertThat(events.seen).containsExactly("up first 7 new", "delta 8", "down", "up first 8 resumed", "delta 9");
    assertThat(second.closed).isNull();
  }

  @Test
  void aResumeTooOldStartsANewHistoryAtTheHellosVersion() {
    Channel first = connect(FIRST, 7);
    onOwner(() -> link.closed(first));

    Channel second = connect(FIRST, 30);
    receive(second, new ResumeTooOld(FIRST, Version.of(7), Version.of(20)));

    assertThat(events.seen).endsWith("up first 30 new");
  }

  @Test
  void aSecondConnectionReplacesTheFirstWhichIsClosedReplaced() {
    Channel first = connect(FIRST, 7);

    Channel second = connect(SECOND, 0);
    receive(first, delta(FIRST, 8));

    assertThat(first.closed).isEqualTo(CloseCode.REPLACED);
    assertThat(second.closed).isNull();
    assertThat(events.seen).containsExactly("up first 7 new", "down", "up second 0 new");
  }

  @Test
  void aVersionGapClosesTheConnectionWithPolicyViolation() {
    Channel agent = connect(FIRST, 7);

    receive(agent, delta(FIRST, 9));

    assertThat(agent.closed).isEqualTo(CloseCode.POLICY_VIOLATION);
    assertThat(events.seen).containsExactly("up first 7 new", "down");
  }

  @Test
  void aVersionReceivedTwiceIsIgnored() {
    Channel agent = connect(FIRST, 7);

    receive(agent, delta(FIRST, 8));
    receive(agent, delta(FIRST, 8));
    receive(agent, delta(FIRST, 9));

    assertThat(agent.closed).isNull();
    assertThat(events.seen).containsExactly("up first 7 new", "delta 8", "delta 9");
  }

  @Test
  void aDeltaBeforeTheLinkIsUpBreaksTheProtocol() {
    Channel agent = new Channel();
    onOwner(() -> link.attach(agent));

    receive(agent, delta(FIRST, 1));

    assertThat(agent.closed).isEqualTo(CloseCode.POLICY_VIOLATION);
    assertThat(events.seen).isEmpty();
  }

  @Test
  void snapshotRequestsGoOutOnlyWhileTheLinkIsUp() {
    boolean[] sent = new boolean[2];
    onOwner(() -> sent[0] = link.requestSnapshot("s1", PODS));
    Channel agent = connect(FIRST, 7);
    onOwner(() -> sent[1] = link.requestSnapshot("s2", PODS));

    assertThat(sent).containsExactly(false, true);
    assertThat(agent.sent).containsExactly(new ResumeRequest(FIRST, Version.of(7)), new SnapshotRequest("s2", PODS));
  }

  private Channel connect(Epoch epoch, long version) {
    Channel channel = new Channel();
    onOwner(() -> link.attach(channel));
    receive(channel, new AgentHello(epoch, Version.of(version), Version.ZERO, List.of(PODS), "test"));
    return channel;
  }

  private void receive(Channel channel, AgentMessage message) {
    onOwner(() -> link.received(channel, message));
  }

  private static AgentDelta delta(Epoch epoch, long version) {
    return new AgentDelta(epoch, Version.of(version), List.of(
        Change.upsert(PODS, ObjectKey.of("ns/p"), Map.of(), RawJson.of("{}"), null)));
  }

  private void onOwner(Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    link.owner().execute(() -> {
      try {
        task.run();
        done.complete(null);
      } catch (RuntimeException | AssertionError e) {
        done.completeExceptionally(e);
      }
    });
    done.orTimeout(5, TimeUnit.SECONDS).join();
  }
}
