package app.octokube.protocol.link;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The exact bytes of the Agent-Backend link, as docs/protocol.md shows them. */
class LinkGoldenJsonTest {
  private static final Epoch EPOCH = Epoch.of("7f3kq9v2m4x8b1d0");
  private static final ResourceName PODS = ResourceName.of("pods");
  private static final ObjectKey KEY = ObjectKey.of("payments/api-7f9");
  private static final RawJson POD = RawJson.of("{\"metadata\":{\"name\":\"api-7f9\"}}");

  private final Codec codec = new Codec();

  @Test
  void helloSaysWhereTheAgentIsAndHowFarBackItCanReplay() {
    assertGolden(
        new AgentHello(EPOCH, Version.of(120), Version.of(80), List.of(PODS, ResourceName.of("deployments.apps")), "0.1.0"),
        "{\"op\":\"hello\",\"epoch\":\"7f3kq9v2m4x8b1d0\",\"version\":120,\"oldestReplayable\":80,"
            + "\"resources\":[\"pods\",\"deployments.apps\"],\"agentVersion\":\"0.1.0\"}");
  }

  @Test
  void deltaWritesLabelsSortedByKeyWhateverTheMapOrder() {
    Map<String, String> labels = new TreeMap<>(Comparator.reverseOrder());
    labels.put("app", "api");
    labels.put("tier", "web");
    AgentDelta delta =
        new AgentDelta(
            EPOCH,
            Version.of(121),
            List.of(
                Change.upsert(PODS, KEY, labels, POD, new Change.Previous(Map.of("app", "api"))),
                Change.delete(PODS, ObjectKey.of("payments/api-1a2"), Map.of())));

    assertGolden(
        delta,
        "{\"op\":\"delta\",\"epoch\":\"7f3kq9v2m4x8b1d0\",\"version\":121,\"changes\":["
            + "{\"resource\":\"pods\",\"type\":\"upsert\",\"key\":\"payments/api-7f9\","
            + "\"labels\":{\"app\":\"api\",\"tier\":\"web\"},\"object\":{\"metadata\":{\"name\":\"api-7f9\"}},"
            + "\"previous\":{\"labels\":{\"app\":\"api\"}}},"
            + "{\"resource\":\"pods\",\"type\":\"delete\",\"key\":\"payments/api-1a2\",\"previous\":{\"labels\":{}}}]}");
  }

  @Test
  void snapshotChunkCarriesItsRequestAndWhetherItIsTheLast() {
    assertGolden(
        new SnapshotChunk("snap-1", PODS, EPOCH, Version.of(121), List.of(new SnapshotItem(KEY, Map.of("app", "api"), POD)), true),
        "{\"op\":\"snapshot-chunk\",\"requestId\":\"snap-1\",\"resource\":\"pods\",\"epoch\":\"7f3kq9v2m4x8b1d0\","
            + "\"version\":121,\"items\":[{\"key\":\"payments/api-7f9\",\"labels\":{\"app\":\"api\"},"
            + "\"object\":{\"metadata\":{\"name\":\"api-7f9\"}}}],\"last\":true}");
  }

  @Test
  void resumeAnswersNameTheEpochAndVersions() {
    assertGolden(new ResumeAccepted(EPOCH, Version.of(100)), "{\"op\":\"resumed\",\"epoch\":\"7f3kq9v2m4x8b1d0\",\"after\":100}");
    assertGolden(
        new ResumeTooOld(EPOCH, Version.of(10), Version.of(80)),
        "{\"op\":\"resume-too-old\",\"epoch\":\"7f3kq9v2m4x8b1d0\",\"requested\":10,\"oldestReplayable\":80}");
  }

  @Test
  void resourcesChangedCarriesTheWholeNewSet() {
    assertGolden(
        new ResourcesChanged(EPOCH, Version.of(121), List.of(PODS, ResourceName.of("widgets.example.com"))),
        "{\"op\":\"resources\",\"epoch\":\"7f3kq9v2m4x8b1d0\",\"version\":121,\"resources\":[\"pods\",\"widgets.example.com\"]}");
  }

  @Test
  void agentErrorLeavesOutAMissingRequestId() {
    assertGolden(
        new AgentError("snap-2", "unknown-resource", "not served"),
        "{\"op\":\"error\",\"requestId\":\"snap-2\",\"code\":\"unknown-resource\",\"message\":\"not served\"}");
    assertGolden(new AgentError(null, "bad-request", "m"), "{\"op\":\"error\",\"code\":\"bad-request\",\"message\":\"m\"}");
  }

  @Test
  void commandsAreSnapshotAndResume() {
    assertGolden(new SnapshotRequest("snap-1", PODS), "{\"op\":\"snapshot\",\"requestId\":\"snap-1\",\"resource\":\"pods\"}");
    assertGolden(new ResumeRequest(EPOCH, Version.of(100)), "{\"op\":\"resume\",\"epoch\":\"7f3kq9v2m4x8b1d0\",\"after\":100}");
  }

  private void assertGolden(AgentMessage message, String json) {
    assertThat(codec.encodeToString(message)).isEqualTo(json);
    assertThat(codec.decodeAgentMessage(json).orElseThrow()).isEqualTo(message);
  }

  private void assertGolden(AgentCommand command, String json) {
    assertThat(codec.encodeToString(command)).isEqualTo(json);
    assertThat(codec.decodeAgentCommand(json).orElseThrow()).isEqualTo(command);
  }
}
