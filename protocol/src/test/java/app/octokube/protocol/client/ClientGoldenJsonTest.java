package app.octokube.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of the client protocol, as BRIEF.md and docs/protocol.md show them. A change
 * here is a change to a contract that outside clients rely on: update the docs with it.
 */
class ClientGoldenJsonTest {
  private static final ClusterId C1 = ClusterId.of("c1");
  private static final ResourceName PODS = ResourceName.of("pods");
  private static final Epoch EPOCH = Epoch.of("7f3kq9v2m4x8b1d0");
  private static final RawJson POD =
      RawJson.of("{\"metadata\":{\"name\":\"api-7f9\",\"namespace\":\"payments\"}}");

  private final Codec codec = new Codec();

  @Test
  void subscribeIsOpClusterResource() {
    assertGolden(new Subscribe(C1, PODS), "{\"op\":\"subscribe\",\"cluster\":\"c1\",\"resource\":\"pods\"}");
  }

  @Test
  void unsubscribeIsOpClusterResource() {
    assertGolden(new Unsubscribe(C1, PODS), "{\"op\":\"unsubscribe\",\"cluster\":\"c1\",\"resource\":\"pods\"}");
  }

  @Test
  void resyncIsOpClusterResource() {
    assertGolden(new Resync(C1, PODS), "{\"op\":\"resync\",\"cluster\":\"c1\",\"resource\":\"pods\"}");
  }

  @Test
  void requestsWrittenAsInTheBriefWithSpacesDecode() {
    assertThat(codec.decodeClientRequest("{\"op\":\"subscribe\",   \"cluster\":\"c1\", \"resource\":\"pods\"}").orElseThrow())
        .isEqualTo(new Subscribe(C1, PODS));
    assertThat(codec.decodeClientRequest("{\"op\":\"unsubscribe\", \"cluster\":\"c1\", \"resource\":\"pods\"}").orElseThrow())
        .isEqualTo(new Unsubscribe(C1, PODS));
    assertThat(codec.decodeClientRequest("{\"op\":\"resync\",      \"cluster\":\"c1\", \"resource\":\"pods\"}").orElseThrow())
        .isEqualTo(new Resync(C1, PODS));
  }

  @Test
  void helloListsClustersAndLeavesOutDemoWhenFalse() {
    Hello hello =
        new Hello(
            "alice",
            false,
            List.of(
                new ClusterInfo(C1, true, EPOCH, Version.of(42), List.of(PODS, ResourceName.of("deployments.apps"))),
                new ClusterInfo(ClusterId.of("c2"), false, null, Version.ZERO, List.of())));

    assertGolden(
        hello,
        "{\"op\":\"hello\",\"user\":\"alice\",\"clusters\":["
            + "{\"cluster\":\"c1\",\"connected\":true,\"epoch\":\"7f3kq9v2m4x8b1d0\",\"version\":42,"
            + "\"resources\":[\"pods\",\"deployments.apps\"]},"
            + "{\"cluster\":\"c2\",\"connected\":false,\"version\":0,\"resources\":[]}]}");
  }

  @Test
  void helloOfADemoBackendSaysSo() {
    assertGolden(new Hello("alice", true, List.of()), "{\"op\":\"hello\",\"user\":\"alice\",\"demo\":true,\"clusters\":[]}");
  }

  @Test
  void snapshotCarriesTheProjectedObjectsAsTheyAre() {
    assertGolden(
        new Snapshot(C1, PODS, EPOCH, Version.of(42), List.of(POD)),
        "{\"op\":\"snapshot\",\"cluster\":\"c1\",\"resource\":\"pods\",\"epoch\":\"7f3kq9v2m4x8b1d0\",\"version\":42,"
            + "\"items\":[{\"metadata\":{\"name\":\"api-7f9\",\"namespace\":\"payments\"}}]}");
  }

  @Test
  void deltaCarriesARangeAndUpsertsWithObjectsAndDeletesWithout() {
    ClientDelta delta =
        new ClientDelta(
            C1,
            EPOCH,
            Version.of(43),
            Version.of(45),
            List.of(
                ClientChange.upsert(PODS, ObjectKey.of("payments/api-7f9"), POD),
                ClientChange.delete(PODS, ObjectKey.of("payments/api-1a2"))));

    assertGolden(
        delta,
        "{\"op\":\"delta\",\"cluster\":\"c1\",\"epoch\":\"7f3kq9v2m4x8b1d0\",\"from\":43,\"to\":45,\"changes\":["
            + "{\"resource\":\"pods\",\"type\":\"upsert\",\"key\":\"payments/api-7f9\","
            + "\"object\":{\"metadata\":{\"name\":\"api-7f9\",\"namespace\":\"payments\"}}},"
            + "{\"resource\":\"pods\",\"type\":\"delete\",\"key\":\"payments/api-1a2\"}]}");
  }

  @Test
  void deltaWithNothingForTheUserStillCarriesItsRange() {
    assertGolden(
        new ClientDelta(C1, EPOCH, Version.of(46), Version.of(50), List.of()),
        "{\"op\":\"delta\",\"cluster\":\"c1\",\"epoch\":\"7f3kq9v2m4x8b1d0\",\"from\":46,\"to\":50,\"changes\":[]}");
  }

  @Test
  void clusterStatusLeavesOutAnUnknownEpoch() {
    assertGolden(
        new ClusterStatus(C1, false, EPOCH),
        "{\"op\":\"cluster\",\"cluster\":\"c1\",\"connected\":false,\"epoch\":\"7f3kq9v2m4x8b1d0\"}");
    assertGolden(new ClusterStatus(C1, false, null), "{\"op\":\"cluster\",\"cluster\":\"c1\",\"connected\":false}");
  }

  @Test
  void errorNamesItsCodeInLowercaseWithDashes() {
    assertGolden(
        ErrorMessage.of(ErrorCode.FORBIDDEN, "no rule grants this"),
        "{\"op\":\"error\",\"code\":\"forbidden\",\"message\":\"no rule grants this\"}");
    assertGolden(
        new ErrorMessage(ErrorCode.NO_ACCESS_NOW, "the binding's window is closed", C1, PODS),
        "{\"op\":\"error\",\"code\":\"no-access-now\",\"message\":\"the binding's window is closed\","
            + "\"cluster\":\"c1\",\"resource\":\"pods\"}");
  }

  @Test
  void everyErrorCodeHasItsDocumentedWireName() {
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName))
        .containsExactly(
            "bad-request", "unknown-op", "too-large", "unknown-cluster", "unknown-resource", "forbidden",
            "rate-limited", "too-many-subscriptions", "internal", "unauthenticated", "no-access-now");
    for (ErrorCode code : ErrorCode.values()) {
      assertGolden(ErrorMessage.of(code, "m"), "{\"op\":\"error\",\"code\":\"" + code.wireName() + "\",\"message\":\"m\"}");
    }
  }

  private void assertGolden(ServerMessage message, String json) {
    assertThat(codec.encodeToString(message)).isEqualTo(json);
    assertThat(codec.decodeServerMessage(json).orElseThrow()).isEqualTo(message);
  }

  private void assertGolden(ClientRequest request, String json) {
    assertThat(codec.encodeToString(request)).isEqualTo(json);
    assertThat(codec.decodeClientRequest(json).orElseThrow()).isEqualTo(request);
  }
}
