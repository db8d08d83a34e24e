package app.octokube.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.DecodeError.Kind;
import app.octokube.protocol.client.ClientRequest;
import app.octokube.protocol.client.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One example per way a frame can be wrong, and what the peer is told. */
class DecodeErrorTest {
  private static final String SUBSCRIBE = "{\"op\":\"subscribe\",\"cluster\":\"c1\",\"resource\":\"pods\"}";

  private final Codec codec = new Codec();

  @Test
  void emptyFrameIsMalformed() {
    assertError(codec.decodeClientRequest(""), Kind.MALFORMED, "empty");
    assertError(codec.decodeClientRequest(new byte[0]), Kind.MALFORMED, "empty");
  }

  @Test
  void notJsonIsMalformedAndSaysWhere() {
    assertError(codec.decodeClientRequest("{\"op\" \"subscribe\"}"), Kind.MALFORMED, "line 1, column");
  }

  @Test
  void truncatedFrameIsMalformedNotAnException() {
    assertError(codec.decodeClientRequest(SUBSCRIBE.substring(0, SUBSCRIBE.length() - 1)), Kind.MALFORMED, "ends before");
  }

  @Test
  void trailingGarbageIsMalformed() {
    assertError(codec.decodeClientRequest(SUBSCRIBE + " x"), Kind.MALFORMED, "continues after");
    assertError(codec.decodeClientRequest(SUBSCRIBE + SUBSCRIBE), Kind.MALFORMED, "continues after");
  }

  @Test
  void whitespaceAroundTheObjectIsFine() {
    assertThat(codec.decodeClientRequest(" \n" + SUBSCRIBE + "\r\n ").isOk()).isTrue();
  }

  @Test
  void aFrameThatIsNotAnObjectIsMalformed() {
    for (String frame : new String[] {"[]", "\"subscribe\"", "42", "null", "true"}) {
      assertError(codec.decodeClientRequest(frame), Kind.MALFORMED, "one JSON object");
    }
  }

  @Test
  void invalidUtf8IsMalformed() {
    byte[] frame = "{\"op\":\"subscribe\",\"cluster\":\"c\u00e91\",\"resource\":\"pods\"}".getBytes(StandardCharsets.UTF_8);
    frame[frame.length - 29] = (byte) 0xff;

    assertError(codec.decodeClientRequest(frame), Kind.MALFORMED, "not valid JSON");
  }

  @Test
  void unknownOpIsNamedAndTheKnownOnesListed() {
    Decoded<ClientRequest> decoded = codec.decodeClientRequest("{\"op\":\"subscribe-all\",\"cluster\":\"c1\"}");

    assertError(decoded, Kind.UNKNOWN_OP, "unknown op 'subscribe-all' (expected one of subscribe, unsubscribe, resync)");
  }

  @Test
  void anOpOfAnotherDirectionIsUnknown() {
    assertError(codec.decodeClientRequest("{\"op\":\"hello\",\"user\":\"alice\",\"clusters\":[]}"), Kind.UNKNOWN_OP, "'hello'");
    assertError(codec.decodeAgentCommand("{\"op\":\"subscribe\",\"cluster\":\"c1\",\"resource\":\"pods\"}"), Kind.UNKNOWN_OP, "'subscribe'");
  }

  @Test
  void opsAreCaseSensitive() {
    assertError(codec.decodeClientRequest(SUBSCRIBE.replace("subscribe", "Subscribe")), Kind.UNKNOWN_OP, "'Subscribe'");
  }

  @Test
  void aLongUnknownOpIsQuotedOnlyInPart() {
    String op = "x".repeat(10_000);

    Decoded<ClientRequest> decoded = codec.decodeClientRequest("{\"op\":\"" + op + "\"}");

    assertError(decoded, Kind.UNKNOWN_OP, "'" + "x".repeat(WireText.MAX_QUOTED) + "…'");
    assertThat(((Decoded.Failed<ClientRequest>) decoded).error().message()).hasSizeLessThan(200);
  }

  @Test
  void missingOpIsAMissingField() {
    assertError(codec.decodeClientRequest("{\"cluster\":\"c1\",\"resource\":\"pods\"}"), Kind.MISSING_FIELD, "'op'");
    assertError(codec.decodeClientRequest("{\"op\":null,\"cluster\":\"c1\",\"resource\":\"pods\"}"), Kind.MISSING_FIELD, "'op'");
  }

  @Test
  void missingFieldIsNamed() {
    assertError(codec.decodeClientRequest("{\"op\":\"subscribe\",\"cluster\":\"c1\"}"), Kind.MISSING_FIELD, "missing field 'resource'");
  }

  @Test
  void nullCountsAsMissing() {
    assertError(codec.decodeClientRequest("{\"op\":\"subscribe\",\"cluster\":null,\"resource\":\"pods\"}"), Kind.MISSING_FIELD, "'cluster'");
  }

  @Test
  void aMissingNestedFieldIsNamedWithItsPath() {
    String frame =
        "{\"op\":\"hello\",\"user\":\"alice\",\"clusters\":[{\"cluster\":\"c1\",\"connected\":false,\"version\":0,\"resources\":[]},"
            + "{\"cluster\":\"c2\",\"version\":0,\"resources\":[]}]}";

    assertError(codec.decodeServerMessage(frame), Kind.MISSING_FIELD, "missing field 'clusters[1].connected'");
  }

  @Test
  void aMissingBooleanIsNotReadAsFalse() {
    String chunk = "{\"op\":\"snapshot-chunk\",\"requestId\":\"r1\",\"resource\":\"pods\",\"epoch\":\"e1\",\"version\":3,\"items\":[]}";

    assertError(codec.decodeAgentMessage(chunk), Kind.MISSING_FIELD, "'last'");
  }

  @Test
  void badIdFormatIsAnInvalidFieldWithTheRule() {
    assertError(codec.decodeClientRequest(SUBSCRIBE.replace("\"c1\"", "\"Prod_1\"")), Kind.INVALID_FIELD, "'cluster': cluster id must be a DNS-1123 label");
    assertError(codec.decodeClientRequest(SUBSCRIBE.replace("\"pods\"", "\"pods/log\"")), Kind.INVALID_FIELD, "'resource'");
  }

  @Test
  void wrongTypeIsAnInvalidFieldSayingWhatWasExpected() {
    assertError(codec.decodeClientRequest(SUBSCRIBE.replace("\"c1\"", "42")), Kind.INVALID_FIELD, "field 'cluster' must be a string");
    assertError(codec.decodeClientRequest(SUBSCRIBE.replace("\"c1\"", "[\"c1\"]")), Kind.INVALID_FIELD, "field 'cluster' must be a string");
    assertError(
        codec.decodeServerMessage("{\"op\":\"cluster\",\"cluster\":\"c1\",\"connected\":\"true\"}"),
        Kind.INVALID_FIELD,
        "field 'connected' must be true or false");
    assertError(
        codec.decodeAgentCommand("{\"op\":\"resume\",\"epoch\":\"e1\",\"after\":\"12\"}"),
        Kind.INVALID_FIELD,
        "field 'after' must be a non-negative integer");
    assertError(
        codec.decodeAgentCommand("{\"op\":\"resume\",\"epoch\":\"e1\",\"after\":1.5}"),
        Kind.INVALID_FIELD,
        "field 'after' must be a non-negative integer");
    assertError(
        codec.decodeAgentMessage("{\"op\":\"error\",\"code\":\"internal\",\"message\":7}"),
        Kind.INVALID_FIELD,
        "field 'message' must be a string");
  }

  @Test
  void anUnknownEnumValueListsTheKnownOnes() {
    String delta =
        "{\"op\":\"delta\",\"cluster\":\"c1\",\"epoch\":\"e1\",\"from\":1,\"to\":1,"
            + "\"changes\":[{\"resource\":\"pods\",\"type\":\"patch\",\"key\":\"a\"}]}";

    assertError(codec.decodeServerMessage(delta), Kind.INVALID_FIELD, "field 'changes[0].type' must be one of upsert, delete");
  }

  @Test
  void aNumberBeyondALongIsAnInvalidField() {
    assertError(
        codec.decodeAgentCommand("{\"op\":\"resume\",\"epoch\":\"e1\",\"after\":99999999999999999999}"),
        Kind.INVALID_FIELD,
        "'after'");
  }

  @Test
  void aBrokenRuleOfTheMessageIsAnInvalidField() {
    assertError(
        codec.decodeServerMessage("{\"op\":\"delta\",\"cluster\":\"c1\",\"epoch\":\"e1\",\"from\":5,\"to\":4,\"changes\":[]}"),
        Kind.INVALID_FIELD,
        "from must not be greater than to");
  }

  @Test
  void unknownPropertiesAreIgnoredForForwardCompatibility() {
    String frame = "{\"op\":\"subscribe\",\"since\":{\"a\":[1,2]},\"cluster\":\"c1\",\"resource\":\"pods\",\"x\":null}";

    assertThat(codec.decodeClientRequest(frame).isOk()).isTrue();
  }

  @Test
  void opNeedNotComeFirst() {
    assertThat(codec.decodeClientRequest("{\"cluster\":\"c1\",\"resource\":\"pods\",\"op\":\"resync\"}").isOk()).isTrue();
  }

  @Test
  void aRepeatedFieldInAClientFrameIsMalformed() {
    String frame = "{\"op\":\"subscribe\",\"op\":\"unsubscribe\",\"cluster\":\"c1\",\"resource\":\"pods\"}";

    assertError(codec.decodeClientRequest(frame), Kind.MALFORMED, "a field appears twice");
  }

  @Test
  void aFrameOverTheLimitIsTooLargeBeforeAnyParsing() {
    Codec small = new Codec(CodecLimits.DEFAULTS.withClientRequests(new FrameLimits(SUBSCRIBE.length(), 64)));
    String notEvenJson = "x".repeat(SUBSCRIBE.length() + 1);

    assertThat(small.decodeClientRequest(SUBSCRIBE).isOk()).isTrue();
    assertError(small.decodeClientRequest(notEvenJson), Kind.TOO_LARGE, "limit of " + SUBSCRIBE.length() + " bytes");
    assertError(small.decodeClientRequest(notEvenJson.getBytes(StandardCharsets.UTF_8)), Kind.TOO_LARGE, "limit");
  }

  @Test
  void theLimitCountsUtf8BytesNotCharacters() {
    String frame = "{\"op\":\"subscribe\",\"cluster\":\"c1\",\"resource\":\"pods\",\"note\":\"\u00e9\u00e9\"}";
    int bytes = frame.getBytes(StandardCharsets.UTF_8).length;
    Codec exact = new Codec(CodecLimits.DEFAULTS.withClientRequests(new FrameLimits(bytes, 64)));
    Codec oneShort = new Codec(CodecLimits.DEFAULTS.withClientRequests(new FrameLimits(bytes - 1, 64)));

    assertThat(exact.decodeClientRequest(frame).isOk()).isTrue();
    assertError(oneShort.decodeClientRequest(frame), Kind.TOO_LARGE, "limit");
  }

  @Test
  void deepNestingIsRefusedNotACrash() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertError(
        codec.decodeClientRequest("{\"op\":\"subscribe\",\"cluster\":\"c1\",\"resource\":\"pods\",\"x\":" + deep + "}"),
        Kind.TOO_LARGE,
        "nests deeper than 64 levels");
  }

  @Test
  void nestingUpToTheLimitIsAccepted() {
    String frame = "{\"op\":\"subscribe\",\"cluster\":\"c1\",\"resource\":\"pods\",\"x\":" + "[".repeat(63) + "]".repeat(63) + "}";

    assertThat(codec.decodeClientRequest(frame).isOk()).isTrue();
    assertError(codec.decodeClientRequest(frame.replace("[]", "[[]]")), Kind.TOO_LARGE, "nests");
  }

  @Test
  void aHugeNumberIsRefusedAsTooLarge() {
    assertError(
        codec.decodeClientRequest("{\"op\":\"subscribe\",\"cluster\":\"c1\",\"resource\":\"pods\",\"x\":" + "9".repeat(5000) + "}"),
        Kind.TOO_LARGE,
        "too long");
  }

  @Test
  void decodeErrorsMapToClientErrorCodes() {
    assertThat(new DecodeError(Kind.MALFORMED, "m").clientCode()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(new DecodeError(Kind.MISSING_FIELD, "m").clientCode()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(new DecodeError(Kind.INVALID_FIELD, "m").clientCode()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(new DecodeError(Kind.UNKNOWN_OP, "m").clientCode()).isEqualTo(ErrorCode.UNKNOWN_OP);
    assertThat(new DecodeError(Kind.TOO_LARGE, "m").clientCode()).isEqualTo(ErrorCode.TOO_LARGE);
  }

  private static void assertError(Decoded<?> decoded, Kind kind, String messagePart) {
    assertThat(decoded).isInstanceOf(Decoded.Failed.class);
    DecodeError error = ((Decoded.Failed<?>) decoded).error();
    assertThat(error.kind()).as(error.message()).isEqualTo(kind);
    assertThat(error.message()).contains(messagePart);
    WireHygiene.assertFitForAPeer(error);
  }
}
