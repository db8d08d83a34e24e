package app.octokube.agent.projection;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.SortedLabels;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.Change;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A projection's labels carry the bytes the projection wrote for them, and the delta encoder
 * copies those instead of writing the labels again: the delta must be the one encoded from the
 * labels' text, whatever the labels hold.
 */
class ProjectedLabelsTest {
  private static final ResourceName PODS = ResourceName.of("pods");
  private static final Epoch EPOCH = Epoch.of("7f3kq9v2m4x8b1d0");

  private final Projectors projectors = Projectors.withBuiltins();
  private final Codec codec = new Codec();

  @Test
  void theExemplarPodsLabelsEncodeAsTheirText() {
    Projection projection = assertDeltaAsFromText(Fixtures.exemplarPod());
    assertThat(((SortedLabels) projection.labels()).carriesJson()).isTrue();
  }

  @Test
  void labelsWithSurrogatesDoNotCarryTheirJson() {
    // The projection escapes each surrogate, the wire writes the pair as four bytes.
    Map<String, Object> pod = Fixtures.exemplarPod();
    Fixtures.at(pod, "metadata").put("labels", Map.of("emoji", "\uD83D\uDE00"));
    Projection projection = assertDeltaAsFromText(pod);
    assertThat(((SortedLabels) projection.labels()).carriesJson()).isFalse();
  }

  @Test
  void labelsThatNeedEscapesOrAreOutsideAsciiEncodeAsTheirText() {
    for (Map<String, String> labels :
        List.of(
            Map.of("app", "api", "tier", "web"),
            Map.of("quote\"d", "back\\slash", "control", "line\nbreak\u0001"),
            Map.of("café", "naïve", "zh", "中文"),
            Map.of("emoji", "\uD83D\uDE00 smile", "a", "b"),
            Map.of("b", "2", "a", "1", "c", "3"))) {
      Map<String, Object> pod = Fixtures.exemplarPod();
      Fixtures.at(pod, "metadata").put("labels", labels);
      assertDeltaAsFromText(pod);
    }
  }

  private Projection assertDeltaAsFromText(Map<String, Object> pod) {
    Projection projection = projectors.project(PODS, Fixtures.resource(pod));
    Map<String, String> text = new TreeMap<>(projection.labels());
    AgentDelta carrying = delta(projection, projection.labels());
    AgentDelta fromText = delta(projection, text);
    assertThat(new String(codec.encode(carrying))).isEqualTo(new String(codec.encode(fromText)));
    return projection;
  }

  private static AgentDelta delta(Projection projection, Map<String, String> labels) {
    return new AgentDelta(
        EPOCH,
        Version.of(1),
        List.of(
            Change.upsert(PODS, projection.key(), labels, projection.json(), new Change.Previous(labels)),
            Change.delete(PODS, projection.key(), labels)));
  }
}
