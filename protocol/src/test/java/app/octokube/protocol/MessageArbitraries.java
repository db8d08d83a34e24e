package app.octokube.protocol;

import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.client.ClientDelta;
import app.octokube.protocol.client.ClientRequest;
import app.octokube.protocol.client.ClusterInfo;
import app.octokube.protocol.client.ClusterStatus;
import app.octokube.protocol.client.ErrorCode;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.client.Hello;
import app.octokube.protocol.client.Resync;
import app.octokube.protocol.client.ServerMessage;
import app.octokube.protocol.client.Snapshot;
import app.octokube.protocol.client.Subscribe;
import app.octokube.protocol.client.Unsubscribe;
import app.octokube.protocol.link.AgentCommand;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.AgentError;
import app.octokube.protocol.link.AgentHello;
import app.octokube.protocol.link.AgentMessage;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.ResourcesChanged;
import app.octokube.protocol.link.ResumeAccepted;
import app.octokube.protocol.link.ResumeRequest;
import app.octokube.protocol.link.ResumeTooOld;
import app.octokube.protocol.link.SnapshotChunk;
import app.octokube.protocol.link.SnapshotItem;
import app.octokube.protocol.link.SnapshotRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of valid messages of every kind, with values anywhere in their allowed ranges:
 * versions up to {@code Long.MAX_VALUE}, text in any script, lone surrogates and control
 * characters included, and projected objects of any JSON shape.
 */
final class MessageArbitraries {
  /** Writes generated JSON values the way producers do, so a decoded copy keeps the bytes. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

  private MessageArbitraries() {}

  static Arbitrary<ClientRequest> clientRequests() {
    return Arbitraries.oneOf(
        Combinators.combine(clusters(), resources()).as(Subscribe::new),
        Combinators.combine(clusters(), resources()).as(Unsubscribe::new),
        Combinators.combine(clusters(), resources()).as(Resync::new));
  }

  static Arbitrary<ServerMessage> serverMessages() {
    return Arbitraries.oneOf(hellos(), snapshots(), clientDeltas(), clusterStatuses(), errorMessages());
  }

  static Arbitrary<AgentMessage> agentMessages() {
    return Arbitraries.oneOf(
        agentHellos(),
        agentDeltas(),
        snapshotChunks(),
        Combinators.combine(epochs(), versions()).as(ResumeAccepted::new),
        Combinators.combine(epochs(), versions(), versions()).as(ResumeTooOld::new),
        Combinators.combine(epochs(), versions(), resourceSets()).as(ResourcesChanged::new),
        Combinators.combine(requestIds().injectNull(0.3), codes(), text()).as(AgentError::new));
  }

  static Arbitrary<AgentCommand> agentCommands() {
    return Arbitraries.oneOf(
        Combinators.combine(requestIds(), resources()).as(SnapshotRequest::new),
        Combinators.combine(epochs(), versions()).as(ResumeRequest::new));
  }

  private static Arbitrary<ServerMessage> hellos() {
    Arbitrary<ClusterInfo> infos =
        Combinators.combine(clusters(), Arbitraries.of(true, false), epochs().injectNull(0.3), versions(), resourceSets())
            .as((cluster, connected, epoch, version, resources) ->
                epoch == null
                    ? new ClusterInfo(cluster, false, null, Version.ZERO, List.of())
                    : new ClusterInfo(cluster, connected, epoch, version, resources));
    return Combinators.combine(
            text().filter(user -> !user.isEmpty()),
            Arbitraries.of(true, false),
            infos.list().ofMaxSize(4).uniqueElements(ClusterInfo::cluster))
        .as(Hello::new);
  }

  private static Arbitrary<ServerMessage> snapshots() {
    return Combinators.combine(clusters(), resources(), epochs(), versions(), rawJson().list().ofMaxSize(4))
        .as(Snapshot::new);
  }

  private static Arbitrary<ServerMessage> clientDeltas() {
    Arbitrary<ClientChange> changes =
        Arbitraries.oneOf(
            Combinators.combine(resources(), keys(), rawJson()).as(ClientChange::upsert),
            Combinators.combine(resources(), keys()).as(ClientChange::delete));
    return Combinators.combine(
            clusters(),
            epochs(),
            Arbitraries.longs().between(1, Long.MAX_VALUE - 1_000),
            Arbitraries.longs().between(0, 1_000),
            changes.list().ofMaxSize(4))
        .as((cluster, epoch, from, span, list) ->
            new ClientDelta(cluster, epoch, Version.of(from), Version.of(from + span), list));
  }

  private static Arbitrary<ServerMessage> clusterStatuses() {
    return Combinators.combine(clusters(), Arbitraries.of(true, false), epochs().injectNull(0.3))
        .as((cluster, connected, epoch) -> new ClusterStatus(cluster, connected && epoch != null, epoch));
  }

  private static Arbitrary<ServerMessage> errorMessages() {
    return Combinators.combine(
            Arbitraries.of(ErrorCode.class), text(), clusters().injectNull(0.5), resources().injectNull(0.5))
        .as((code, message, cluster, resource) ->
            new ErrorMessage(code, message, cluster, cluster == null ? null : resource));
  }

  private static Arbitrary<AgentMessage> agentHellos() {
    return Combinators.combine(epochs(), versions(), versions(), resourceSets(), text().filter(v -> !v.isEmpty()))
        .as((epoch, a, b, resources, agentVersion) ->
            new AgentHello(epoch, a.compareTo(b) >= 0 ? a : b, a.compareTo(b) >= 0 ? b : a, resources, agentVersion));
  }

  static Arbitrary<AgentMessage> agentDeltas() {
    Arbitrary<Change> changes =
        Arbitraries.oneOf(
            Combinators.combine(resources(), keys(), labels(), rawJson(), previous().injectNull(0.5))
                .as(Change::upsert),
            Combinators.combine(resources(), keys(), labels()).as(Change::delete));
    return Combinators.combine(
            epochs(), Arbitraries.longs().between(1, Long.MAX_VALUE), changes.list().ofMinSize(1).ofMaxSize(4))
        .as((epoch, version, list) -> new AgentDelta(epoch, Version.of(version), list));
  }

  private static Arbitrary<AgentMessage> snapshotChunks() {
    Arbitrary<SnapshotItem> items = Combinators.combine(keys(), labels(), rawJson()).as(SnapshotItem::new);
    return Combinators.combine(
            requestIds(), resources(), epochs(), versions(), items.list().ofMaxSize(4), Arbitraries.of(true, false))
        .as((id, resource, epoch, version, list, last) ->
            new SnapshotChunk(id, resource, epoch, version, list, last || list.isEmpty()));
  }

  private static Arbitrary<Change.Previous> previous() {
    return labels().map(Change.Previous::new);
  }

  static Arbitrary<ClusterId> clusters() {
    Arbitrary<String> ids =
        Arbitraries.strings().withChars(LOWER_ALNUM + "-").ofMinLength(1).ofMaxLength(63)
            .filter(id -> id.charAt(0) != '-' && id.charAt(id.length() - 1) != '-');
    return Arbitraries.oneOf(Arbitraries.of("c1", "prod-eu-1"), ids).map(ClusterId::of);
  }

  static Arbitrary<ResourceName> resources() {
    Arbitrary<String> word = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz").ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> generated =
        Combinators.combine(word, word.list().ofMaxSize(3)).as((plural, group) ->
            group.isEmpty() ? plural : plural + "." + String.join(".", group));
    return Arbitraries.oneOf(
            Arbitraries.of("pods", "nodes", "deployments.apps", "widgets.example.com", "ingresses.networking.k8s.io"),
            generated)
        .map(ResourceName::of);
  }

  private static Arbitrary<List<ResourceName>> resourceSets() {
    return resources().list().ofMaxSize(5).uniqueElements();
  }

  static Arbitrary<ObjectKey> keys() {
    Arbitrary<String> name = Arbitraries.strings().withChars(LOWER_ALNUM + "-.").ofMinLength(1).ofMaxLength(40);
    return Combinators.combine(name.injectNull(0.3), name).as(ObjectKey::of);
  }

  static Arbitrary<Epoch> epochs() {
    return Arbitraries.strings().withChars(LOWER_ALNUM).ofMinLength(1).ofMaxLength(64).map(Epoch::of);
  }

  static Arbitrary<Version> versions() {
    return Arbitraries.longs().between(0, Long.MAX_VALUE).map(Version::of);
  }

  private static Arbitrary<String> requestIds() {
    return Arbitraries.strings()
        .withChars(LOWER_ALNUM + "ABCDEFGHIJKLMNOPQRSTUVWXYZ._:-")
        .ofMinLength(1)
        .ofMaxLength(64);
  }

  private static Arbitrary<String> codes() {
    return Arbitraries.strings().withChars(LOWER_ALNUM).ofMinLength(1).ofMaxLength(10).list().ofMinSize(1).ofMaxSize(3)
        .map(words -> String.join("-", words));
  }

  /** Any text: every script, control characters, unpaired surrogates. */
  static Arbitrary<String> text() {
    return Arbitraries.strings().all().ofMaxLength(24);
  }

  /**
   * Text that is valid Unicode: every script and control characters, but no unpaired surrogate,
   * which JSON can carry only as an escape that parsers refuse in a field name.
   */
  static Arbitrary<String> unicode() {
    return text().map(MessageArbitraries::withoutUnpairedSurrogates);
  }

  private static String withoutUnpairedSurrogates(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '?' : c);
      }
    }
    return out.toString();
  }

  private static Arbitrary<Map<String, String>> labels() {
    return Arbitraries.maps(unicode(), unicode()).ofMaxSize(4);
  }

  /** A projected object: a JSON object holding values of any JSON type, up to four levels deep. */
  static Arbitrary<RawJson> rawJson() {
    return jsonObject(3).map(MessageArbitraries::toRawJson);
  }

  private static Arbitrary<Object> jsonValue(int depth) {
    Arbitrary<Object> scalar =
        Arbitraries.oneOf(
            text().map(Object.class::cast),
            Arbitraries.longs().map(Object.class::cast),
            Arbitraries.doubles().map(Object.class::cast),
            Arbitraries.of(true, false).map(Object.class::cast),
            Arbitraries.just(null));
    if (depth == 0) {
      return scalar;
    }
    return Arbitraries.frequencyOf(
        Tuple.of(3, scalar),
        Tuple.of(1, Arbitraries.lazy(() -> jsonValue(depth - 1)).list().ofMaxSize(3).map(Object.class::cast)),
        Tuple.of(1, Arbitraries.lazy(() -> jsonObject(depth - 1))));
  }

  private static Arbitrary<Object> jsonObject(int depth) {
    Arbitrary<Object> values = depth == 0 ? Arbitraries.just("leaf") : Arbitraries.lazy(() -> jsonValue(depth - 1));
    return Arbitraries.maps(unicode(), values).ofMaxSize(4).map(Object.class::cast);
  }

  private static RawJson toRawJson(Object value) {
    try {
      return RawJson.wrap(JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
