package app.octokube.protocol;

import static app.octokube.protocol.Samples.C1;
import static app.octokube.protocol.Samples.EPOCH;
import static app.octokube.protocol.Samples.PODS;
import static app.octokube.protocol.Samples.POD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.client.ClientDelta;
import app.octokube.protocol.client.ClusterInfo;
import app.octokube.protocol.client.ClusterStatus;
import app.octokube.protocol.client.ErrorCode;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.client.Hello;
import app.octokube.protocol.client.Snapshot;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.AgentError;
import app.octokube.protocol.link.AgentHello;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.ChangeType;
import app.octokube.protocol.link.ResourcesChanged;
import app.octokube.protocol.link.SnapshotChunk;
import app.octokube.protocol.link.SnapshotItem;
import app.octokube.protocol.link.SnapshotRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules the message constructors keep, so that a message that exists is valid. */
class MessageValidationTest {
  private static final ObjectKey KEY = ObjectKey.of("payments/api");

  @Test
  void clientDeltaRangeStartsAtOneAndNeverRunsBackwards() {
    assertThat(new ClientDelta(C1, EPOCH, Version.of(1), Version.of(1), List.of()).changes()).isEmpty();
    assertThatThrownBy(() -> new ClientDelta(C1, EPOCH, Version.ZERO, Version.of(3), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(() -> new ClientDelta(C1, EPOCH, Version.of(5), Version.of(4), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from must not be greater than to");
  }

  @Test
  void clientChangeHasAnObjectExactlyWhenItIsAnUpsert() {
    assertThatThrownBy(() -> new ClientChange(PODS, ChangeType.UPSERT, KEY, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("object");
    assertThatThrownBy(() -> new ClientChange(PODS, ChangeType.DELETE, KEY, POD))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aConnectedClusterHasAnEpoch() {
    assertThatThrownBy(() -> new ClusterStatus(C1, true, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClusterInfo(C1, true, null, Version.ZERO, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ClusterStatus(C1, false, null).epoch()).isNull();
  }

  @Test
  void aClusterWithoutEpochIsAtVersionZero() {
    assertThatThrownBy(() -> new ClusterInfo(C1, false, null, Version.of(5), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void helloNamesEachClusterOnce() {
    ClusterInfo info = new ClusterInfo(C1, false, null, Version.ZERO, List.of());

    assertThatThrownBy(() -> new Hello("alice", false, List.of(info, info)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Hello("", false, List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorNamesAResourceOnlyWithItsCluster() {
    assertThatThrownBy(() -> new ErrorMessage(ErrorCode.FORBIDDEN, "no", null, PODS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ErrorMessage(ErrorCode.UNKNOWN_CLUSTER, "no", C1, null).resource()).isNull();
  }

  @Test
  void agentHelloNeverReplaysFromAfterItsOwnVersion() {
    assertThatThrownBy(() -> new AgentHello(EPOCH, Version.of(5), Version.of(6), List.of(), "0.1.0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agentHelloCanReplayExactlyFromOldestReplayableToItsVersion() {
    AgentHello hello = new AgentHello(EPOCH, Version.of(120), Version.of(80), List.of(PODS), "0.1.0");

    assertThat(hello.canReplayAfter(Version.of(79))).isFalse();
    assertThat(hello.canReplayAfter(Version.of(80))).isTrue();
    assertThat(hello.canReplayAfter(Version.of(120))).isTrue();
    assertThat(hello.canReplayAfter(Version.of(121))).isFalse();
  }

  @Test
  void agentDeltaSpendsAVersionOnlyOnAChange() {
    assertThatThrownBy(() -> new AgentDelta(EPOCH, Version.of(1), List.of())).isInstanceOf(IllegalArgumentException.class);
    Change change = Change.delete(PODS, KEY, Map.of());
    assertThatThrownBy(() -> new AgentDelta(EPOCH, Version.ZERO, List.of(change)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyTheLastSnapshotChunkMayBeEmpty() {
    assertThat(new SnapshotChunk("r1", PODS, EPOCH, Version.ZERO, List.of(), true).items()).isEmpty();
    assertThatThrownBy(() -> new SnapshotChunk("r1", PODS, EPOCH, Version.ZERO, List.of(), false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestIdsAreShortAndPlain() {
    assertThat(new SnapshotRequest("backend-1:snap.42_a", PODS).requestId()).isEqualTo("backend-1:snap.42_a");
    assertThatThrownBy(() -> new SnapshotRequest("", PODS)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SnapshotRequest("has space", PODS)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SnapshotRequest("r".repeat(65), PODS)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AgentError("new\nline", "internal", "m")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agentErrorCodesAreLowercaseWordsWithDashes() {
    assertThat(new AgentError(null, "unknown-resource", "m").code()).isEqualTo("unknown-resource");
    assertThatThrownBy(() -> new AgentError(null, "Unknown", "m")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AgentError(null, "a--b", "m")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AgentError(null, "", "m")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resourceSetsNameEachResourceOnce() {
    assertThatThrownBy(() -> new ResourcesChanged(EPOCH, Version.ZERO, List.of(PODS, PODS)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listsMayNotHoldNull() {
    assertThatThrownBy(() -> new ResourcesChanged(EPOCH, Version.ZERO, Arrays.asList(PODS, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resources");
  }

  @Test
  void listsAreCopiedSoTheCallerCannotChangeAMessageAfterwards() {
    List<ResourceName> resources = new ArrayList<>(List.of(PODS));
    ResourcesChanged message = new ResourcesChanged(EPOCH, Version.ZERO, resources);

    resources.add(Samples.WIDGETS);

    assertThat(message.resources()).containsExactly(PODS);
    assertThatThrownBy(() -> message.resources().add(Samples.WIDGETS)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void labelsMayNotHoldNullKeysOrValues() {
    Map<String, String> labels = new HashMap<>();
    labels.put("app", null);

    assertThatThrownBy(() -> new SnapshotItem(KEY, labels, POD)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Change.upsert(PODS, KEY, labels, POD, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Change.Previous(labels)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void projectedObjectsAreJsonObjects() {
    RawJson notAnObject = RawJson.of("[1]");

    assertThatThrownBy(() -> new SnapshotItem(KEY, Map.of(), notAnObject)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Change.upsert(PODS, KEY, Map.of(), RawJson.of("null"), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientChange.upsert(PODS, KEY, RawJson.of("\"pod\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("object must be a JSON object");
    assertThatThrownBy(() -> new Snapshot(C1, PODS, EPOCH, Version.ZERO, List.of(POD, notAnObject)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("items must hold only JSON objects");
  }

  @Test
  void labelsMustBeValidUnicode() {
    assertThatThrownBy(() -> new SnapshotItem(KEY, Map.of("app\ud800", "api"), POD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("valid Unicode");
    assertThatThrownBy(() -> new SnapshotItem(KEY, Map.of("app", "\udc00api"), POD))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SnapshotItem(KEY, Map.of("rocket", "\ud83d\ude80"), POD).labels()).hasSize(1);
  }

  @Test
  void absentLabelsAreNoLabels() {
    assertThat(new SnapshotItem(KEY, null, POD).labels()).isEmpty();
    assertThat(Change.upsert(PODS, KEY, null, POD, null).labels()).isEmpty();
  }

  @Test
  void aDeleteCarriesPreviousLabelsButNoObject() {
    assertThatThrownBy(() -> new Change(PODS, ChangeType.DELETE, KEY, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Change(PODS, ChangeType.DELETE, KEY, null, POD, new Change.Previous(Map.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodedFailureRefusesToHandOutAValue() {
    Decoded<Object> failed = Decoded.failed(DecodeError.Kind.MALFORMED, "the frame is empty");

    assertThat(failed.isOk()).isFalse();
    assertThatThrownBy(failed::orElseThrow)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the frame is empty");
  }
}
