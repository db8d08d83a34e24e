package app.octokube.backend.stream;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.client.ClientDelta;
import app.octokube.protocol.client.Snapshot;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Composed frames are byte for byte what the codec writes for the same message. */
class WireFramesTest {
  private static final Codec CODEC = new Codec();
  private static final ClusterId CLUSTER = ClusterId.of("prod-eu-1");
  private static final Epoch EPOCH = Epoch.of("k3v9q2m7x1b8d4f0");
  private static final ResourceName PODS = ResourceName.of("pods");
  private static final RawJson TRICKY = RawJson.of(
      "{\"metadata\":{\"name\":\"caf\u00e9 \u65e5 \ud83d\ude80\"},\"s\":\"quote \\\" nul \\u0000\",\"n\":[1,-1.5E-7,{}]}");

  @Test
  void aDeltaOfEnvelopeAndSharedBodyIsTheCodecsEncoding() {
    List<ClientChange> changes = List.of(
        ClientChange.upsert(PODS, ObjectKey.of("payments/api-7f9"), TRICKY),
        ClientChange.delete(ResourceName.of("deployments.apps"), ObjectKey.of("payments/api")));

    OutboundMessage composed =
        WireFrames.delta(CLUSTER, EPOCH, 43, 45, WireFrames.changesBody(CODEC, CLUSTER, EPOCH, changes));

    assertThat(bytes(composed)).isEqualTo(CODEC.encodeToString(
        new ClientDelta(CLUSTER, EPOCH, Version.of(43), Version.of(45), changes)));
  }

  @Test
  void aDeltaWithNoChangeIsTheCodecsEncoding() {
    OutboundMessage composed =
        WireFrames.delta(CLUSTER, EPOCH, 46, 50, WireFrames.changesBody(CODEC, CLUSTER, EPOCH, List.of()));

    assertThat(bytes(composed)).isEqualTo(CODEC.encodeToString(
        new ClientDelta(CLUSTER, EPOCH, Version.of(46), Version.of(50), List.of())));
  }

  @Test
  void aSnapshotOfRawItemsIsTheCodecsEncoding() {
    List<RawJson> items = List.of(TRICKY, RawJson.of("{\"metadata\":{\"name\":\"b\"}}"));

    OutboundMessage composed = WireFrames.snapshot(CLUSTER, ResourceName.of("widgets.example.com"), EPOCH, 42, items);

    assertThat(bytes(composed)).isEqualTo(CODEC.encodeToString(
        new Snapshot(CLUSTER, ResourceName.of("widgets.example.com"), EPOCH, Version.of(42), items)));
    assertThat(bytes(WireFrames.snapshot(CLUSTER, PODS, EPOCH, 0, List.of())))
        .isEqualTo(CODEC.encodeToString(new Snapshot(CLUSTER, PODS, EPOCH, Version.ZERO, List.of())));
  }

  @Test
  void joinedBodiesAreTheCodecsEncodingOfAllTheirChangesInOrder() {
    List<ClientChange> first = List.of(
        ClientChange.upsert(PODS, ObjectKey.of("payments/api-7f9"), TRICKY),
        ClientChange.delete(PODS, ObjectKey.of("payments/api-1a2")));
    List<ClientChange> second = List.of(ClientChange.delete(ResourceName.of("deployments.apps"),
        ObjectKey.of("payments/api")));
    List<ClientChange> all = new ArrayList<>(first);
    all.addAll(second);

    Buffer joined = WireFrames.joinBodies(List.of(body(List.of()), body(first), body(List.of()), body(second),
        body(List.of())));

    assertThat(bytes(WireFrames.delta(CLUSTER, EPOCH, 43, 47, joined))).isEqualTo(CODEC.encodeToString(
        new ClientDelta(CLUSTER, EPOCH, Version.of(43), Version.of(47), all)));
    assertThat(joined.length()).isEqualTo(WireFrames.joinedSize(
        WireFrames.innerSize(body(first)) + WireFrames.innerSize(body(second)), 2));
  }

  @Test
  void joinedEmptyBodiesAreTheEmptyBody() {
    Buffer joined = WireFrames.joinBodies(List.of(body(List.of()), body(List.of())));

    assertThat(joined.toString()).isEqualTo("[]}");
    assertThat(WireFrames.joinedSize(0, 0)).isEqualTo(3);
  }

  @Test
  void theDeltaHeadsLengthIsCountedExactly() {
    long[] values = {0, 1, 9, 10, 99, 100, 999_999, 1_000_000, Long.MAX_VALUE / 10, Long.MAX_VALUE};
    for (long from : values) {
      for (long to : values) {
        assertThat(WireFrames.deltaHeadLength(CLUSTER, EPOCH, from, to)).as("%d..%d", from, to)
            .isEqualTo(WireFrames.deltaHead(CLUSTER, EPOCH, from, to).length());
      }
    }
  }

  private static Buffer body(List<ClientChange> changes) {
    return WireFrames.changesBody(CODEC, CLUSTER, EPOCH, changes);
  }

  private static String bytes(OutboundMessage message) {
    return message.text();
  }
}
