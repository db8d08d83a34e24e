package app.octokube.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.DecodeError.Kind;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.ChangeType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * What holds for every message and every frame: decoding inverts encoding, and no input, however
 * broken, makes a decode method throw or say more than a peer should hear.
 */
class CodecPropertiesTest {
  /** Required fields per op of each direction; removing any one must be reported as missing. */
  private static final Map<String, List<String>> CLIENT_REQUIRED =
      Map.of(
          "subscribe", List.of("op", "cluster", "resource"),
          "unsubscribe", List.of("op", "cluster", "resource"),
          "resync", List.of("op", "cluster", "resource"));

  private static final Map<String, List<String>> SERVER_REQUIRED =
      Map.of(
          "hello", List.of("op", "user", "clusters"),
          "snapshot", List.of("op", "cluster", "resource", "epoch", "version", "items"),
          "delta", List.of("op", "cluster", "epoch", "from", "to", "changes"),
          "cluster", List.of("op", "cluster", "connected"),
          "error", List.of("op", "code", "message"));

  private static final Map<String, List<String>> AGENT_REQUIRED =
      Map.of(
          "hello", List.of("op", "epoch", "version", "oldestReplayable", "resources", "agentVersion"),
          "delta", List.of("op", "epoch", "version", "changes"),
          "snapshot-chunk", List.of("op", "requestId", "resource", "epoch", "version", "items", "last"),
          "resumed", List.of("op", "epoch", "after"),
          "resume-too-old", List.of("op", "epoch", "requested", "oldestReplayable"),
          "resources", List.of("op", "epoch", "version", "resources"),
          "error", List.of("op", "code", "message"));

  private static final Map<String, List<String>> COMMAND_REQUIRED =
      Map.of("snapshot", List.of("op", "requestId", "resource"), "resume", List.of("op", "epoch", "after"));

  private static final Set<String> ALL_OPS =
      Set.of("subscribe", "unsubscribe", "resync", "hello", "snapshot", "delta", "cluster", "error",
          "snapshot-chunk", "resumed", "resume-too-old", "resources", "resume");

  private static final ObjectMapper TREES = new ObjectMapper();

  private final Codec codec = new Codec();

  @Provide
  Arbitrary<Object> anyMessage() {
    return Arbitraries.oneOf(
        MessageArbitraries.clientRequests().map(Object.class::cast),
        MessageArbitraries.serverMessages().map(Object.class::cast),
        MessageArbitraries.agentMessages().map(Object.class::cast),
        MessageArbitraries.agentCommands().map(Object.class::cast));
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings().withChars("{}[]\":,. -0123456789eEnultrfasopbcied\\/u").ofMaxLength(80);
  }

  /**
   * The Agent's deltas are written by hand (DeltaWriter) for speed; they must be the bytes
   * databind writes, whatever the labels' map type: unsorted, sorted by another comparator (the
   * change copies it), or already a SortedLabels (trusted as sorted).
   */
  @Property(tries = 1000)
  void deltasAreWrittenByHandAsDatabindWritesThem(@ForAll("deltas") AgentDelta delta) {
    assertThat(codec.encode(delta)).isEqualTo(codec.encodeWithDatabind(delta));
  }

  @Provide
  Arbitrary<AgentDelta> deltas() {
    return Combinators.combine(
            MessageArbitraries.agentDeltas().map(AgentDelta.class::cast),
            Arbitraries.of(LabelForm.values()))
        .as((delta, form) -> new AgentDelta(delta.epoch(), delta.version(), delta.changes().stream().map(form::apply).toList()));
  }

  /**
   * Labels that carry their JSON (as the Agent's projection hands them over, see {@link
   * SortedLabels#withJson}) are copied into the delta as those bytes, which must be what the codec
   * would write from the labels' text: surrogate pairs, control characters, quotes and all.
   */
  @Property(tries = 1000)
  void labelsCarryingTheirJsonEncodeAsTheirText(@ForAll("deltas") AgentDelta delta) throws IOException {
    AgentDelta carrying =
        new AgentDelta(delta.epoch(), delta.version(), delta.changes().stream().map(LabelForm::carryingJson).toList());
    assertThat(codec.encode(carrying)).isEqualTo(codec.encodeWithDatabind(delta));
  }

  /** The label maps a change may be built from. */
  private enum LabelForm {
    AS_GENERATED,
    SORTED_LABELS,
    REVERSE_ORDER;

    /** {@code change} with labels that carry their JSON, written as the Agent's projection does. */
    static Change carryingJson(Change change) {
      Change.Previous previous = change.previous() == null ? null : new Change.Previous(withJson(change.previous().labels()));
      return change.type() == ChangeType.DELETE
          ? Change.delete(change.resource(), change.key(), previous.labels())
          : Change.upsert(change.resource(), change.key(), withJson(change.labels()), change.object(), previous);
    }

    /** Labels with their JSON, written by a default generator amid other bytes, as a slice. */
    private static SortedLabels withJson(Map<String, String> labels) {
      SortedLabels sorted = SortedLabels.copyOf(labels);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (JsonGenerator gen = new JsonFactory().createGenerator(out)) {
        gen.writeStartObject();
        gen.writeStringField("before", "x");
        gen.writeFieldName("labels");
        gen.flush();
        int from = out.size() + 1; // the colon comes with the value
        gen.writeStartObject();
        for (Map.Entry<String, String> label : sorted.entrySet()) {
          gen.writeStringField(label.getKey(), label.getValue());
        }
        gen.writeEndObject();
        gen.flush();
        int to = out.size();
        gen.writeStringField("after", "y");
        gen.writeEndObject();
        gen.close();
        return sorted.withJson(out.toByteArray(), from, to);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Change apply(Change change) {
      Change.Previous previous = change.previous() == null ? null : new Change.Previous(labels(change.previous().labels()));
      return change.type() == ChangeType.DELETE
          ? Change.delete(change.resource(), change.key(), previous.labels())
          : Change.upsert(change.resource(), change.key(), labels(change.labels()), change.object(), previous);
    }

    private Map<String, String> labels(Map<String, String> labels) {
      return switch (this) {
        case AS_GENERATED -> labels;
        case SORTED_LABELS -> SortedLabels.copyOf(labels);
        case REVERSE_ORDER -> {
          Map<String, String> reversed = new TreeMap<>(Comparator.reverseOrder());
          reversed.putAll(labels);
          yield reversed;
        }
      };
    }
  }

  @Property(tries = 500)
  void decodingAnEncodedMessageGivesItBack(@ForAll("anyMessage") Object message) {
    assertThat(decoderFor(message).apply(codec.encode(message)).orElseThrow()).isEqualTo(message);
  }

  @Property(tries = 300)
  void textAndBytesOfAFrameDecodeAlike(@ForAll("anyMessage") Object message) {
    Codec small = new Codec(uniformLimits(new FrameLimits(400, 64)));
    String text = codec.encodeToString(message);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

    assertThat(decode(small, message, text)).isEqualTo(decode(small, message, bytes));
  }

  @Property(tries = 300)
  void equalMessagesEncodeToEqualBytes(@ForAll("anyMessage") Object message) {
    Object again = decoderFor(message).apply(codec.encode(message)).orElseThrow();

    assertThat(codec.encode(again)).isEqualTo(codec.encode(message));
  }

  @Property(tries = 1000)
  void arbitraryBytesNeverMakeDecodeThrow(@ForAll @Size(max = 300) byte[] frame) {
    assertEveryDecoderReturns(frame);
  }

  @Property(tries = 1000)
  void arbitraryStringsNeverMakeDecodeThrow(@ForAll @Size(max = 200) String frame) {
    assertEveryDecoderReturns(frame);
  }

  @Property(tries = 1000)
  void jsonLookingNoiseNeverMakesDecodeThrow(@ForAll("jsonish") String frame) {
    assertEveryDecoderReturns(frame);
  }

  @Property(tries = 500)
  void aValidFrameWithOneByteChangedNeverMakesDecodeThrow(
      @ForAll("anyMessage") Object message, @ForAll @IntRange(min = 0, max = 100_000) int at, @ForAll byte value) {
    byte[] frame = codec.encode(message);
    frame[at % frame.length] = value;

    assertEveryDecoderReturns(frame);
  }

  @Property(tries = 500)
  void everyTruncationOfAValidFrameIsMalformed(
      @ForAll("anyMessage") Object message, @ForAll @IntRange(min = 0, max = 100_000) int cut) {
    byte[] frame = codec.encode(message);
    byte[] truncated = Arrays.copyOf(frame, cut % frame.length);

    assertFailure(decoderFor(message).apply(truncated), Kind.MALFORMED);
  }

  @Property(tries = 500)
  void aValidFrameWithoutOneRequiredFieldNamesThatField(
      @ForAll("anyMessage") Object message, @ForAll @IntRange(min = 0, max = 100) int pick) throws IOException {
    ObjectNode tree = (ObjectNode) TREES.readTree(codec.encode(message));
    List<String> required = requiredFields(message).get(tree.get("op").asText());
    String field = required.get(pick % required.size());
    tree.remove(field);

    DecodeError error = assertFailure(decoderFor(message).apply(TREES.writeValueAsBytes(tree)), Kind.MISSING_FIELD);

    assertThat(error.message()).contains("'" + field + "'");
  }

  @Property(tries = 500)
  void anUnknownOpIsReportedAsSuch(@ForAll("anyMessage") Object message, @ForAll @Size(max = 100) String op)
      throws IOException {
    if (ALL_OPS.contains(op)) {
      return;
    }
    ObjectNode tree = (ObjectNode) TREES.readTree(codec.encode(message));
    tree.put("op", op);

    assertFailure(decoderFor(message).apply(TREES.writeValueAsBytes(tree)), Kind.UNKNOWN_OP);
  }

  @Property(tries = 300)
  void aFrameOverItsLimitIsTooLargeAndOneWithinIsNot(
      @ForAll("anyMessage") Object message, @ForAll @IntRange(min = 16, max = 600) int limit) {
    Codec small = new Codec(uniformLimits(new FrameLimits(limit, 64)));
    byte[] frame = codec.encode(message);

    Decoded<?> decoded = decode(small, message, frame);

    if (frame.length > limit) {
      assertFailure(decoded, Kind.TOO_LARGE);
    } else {
      assertThat(decoded.isOk()).isTrue();
    }
  }

  @Property(tries = 200)
  void deepNestingIsAnErrorNotACrash(
      @ForAll @IntRange(min = 1, max = 20_000) int depth, @ForAll boolean arrays) {
    String open = arrays ? "[" : "{\"a\":";
    String close = arrays ? "]" : "}";
    String nested = open.repeat(depth) + (arrays ? "" : "0") + close.repeat(depth);
    String client = "{\"op\":\"subscribe\",\"cluster\":\"c1\",\"resource\":\"pods\",\"x\":" + nested + "}";
    String agent =
        "{\"op\":\"delta\",\"epoch\":\"e1\",\"version\":1,\"changes\":[{\"resource\":\"pods\",\"type\":\"upsert\","
            + "\"key\":\"a\",\"object\":{\"x\":" + nested + "}}]}";

    assertNestingHandled(codec.decodeClientRequest(client), 1 + depth, CodecLimits.CLIENT_REQUESTS.maxDepth());
    assertNestingHandled(codec.decodeAgentMessage(agent), 4 + depth, CodecLimits.AGENT_MESSAGES.maxDepth());
  }

  @Property(tries = 300)
  void decodeErrorsNeverNameJavaClassesOrEchoLongInput(
      @ForAll("anyMessage") Object message, @ForAll @IntRange(min = 0, max = 100_000) int at, @ForAll @Size(max = 300) String junk) {
    byte[] frame = codec.encode(message);
    String text = new String(frame, StandardCharsets.UTF_8);
    int cut = at % text.length();
    String broken = text.substring(0, cut) + junk + text.substring(cut);

    for (Decoded<?> decoded : decodeEverywhere(broken)) {
      if (decoded instanceof Decoded.Failed<?> failed) {
        WireHygiene.assertFitForAPeer(failed.error());
      }
    }
  }

  private static void assertNestingHandled(Decoded<?> decoded, int depth, int limit) {
    if (depth <= limit) {
      assertThat(decoded.isOk()).as("depth %d within %d", depth, limit).isTrue();
    } else {
      assertFailure(decoded, Kind.TOO_LARGE);
    }
  }

  private static DecodeError assertFailure(Decoded<?> decoded, Kind kind) {
    assertThat(decoded).isInstanceOf(Decoded.Failed.class);
    DecodeError error = ((Decoded.Failed<?>) decoded).error();
    assertThat(error.kind()).as(error.message()).isEqualTo(kind);
    WireHygiene.assertFitForAPeer(error);
    return error;
  }

  private void assertEveryDecoderReturns(byte[] frame) {
    for (Decoded<?> decoded :
        List.of(
            codec.decodeAgentMessage(frame),
            codec.decodeAgentCommand(frame),
            codec.decodeClientRequest(frame),
            codec.decodeServerMessage(frame))) {
      if (decoded instanceof Decoded.Failed<?> failed) {
        WireHygiene.assertFitForAPeer(failed.error());
      }
    }
  }

  private void assertEveryDecoderReturns(String frame) {
    for (Decoded<?> decoded : decodeEverywhere(frame)) {
      if (decoded instanceof Decoded.Failed<?> failed) {
        WireHygiene.assertFitForAPeer(failed.error());
      }
    }
  }

  private List<Decoded<?>> decodeEverywhere(String frame) {
    return List.of(
        codec.decodeAgentMessage(frame),
        codec.decodeAgentCommand(frame),
        codec.decodeClientRequest(frame),
        codec.decodeServerMessage(frame));
  }

  private Function<byte[], Decoded<?>> decoderFor(Object message) {
    return frame -> Samples.decode(codec, message, frame);
  }

  private static Decoded<?> decode(Codec codec, Object message, byte[] frame) {
    return Samples.decode(codec, message, frame);
  }

  private static Decoded<?> decode(Codec codec, Object message, String frame) {
    return Samples.decode(codec, message, frame);
  }

  private static Map<String, List<String>> requiredFields(Object message) {
    switch (Samples.familyOf(message)) {
      case CLIENT_REQUEST:
        return CLIENT_REQUIRED;
      case SERVER_MESSAGE:
        return SERVER_REQUIRED;
      case AGENT_MESSAGE:
        return AGENT_REQUIRED;
      default:
        return COMMAND_REQUIRED;
    }
  }

  private static CodecLimits uniformLimits(FrameLimits limits) {
    return new CodecLimits(limits, limits, limits, limits);
  }
}
