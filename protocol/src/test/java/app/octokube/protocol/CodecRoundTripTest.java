package app.octokube.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.octokube.protocol.client.ClientRequest;
import app.octokube.protocol.client.ServerMessage;
import app.octokube.protocol.client.Snapshot;
import app.octokube.protocol.link.AgentCommand;
import app.octokube.protocol.link.AgentMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CodecRoundTripTest {
  private final Codec codec = new Codec();

  static Stream<ClientRequest> clientRequests() {
    return Samples.clientRequests().stream();
  }

  static Stream<ServerMessage> serverMessages() {
    return Samples.serverMessages().stream();
  }

  static Stream<AgentMessage> agentMessages() {
    return Samples.agentMessages().stream();
  }

  static Stream<AgentCommand> agentCommands() {
    return Samples.agentCommands().stream();
  }

  @ParameterizedTest
  @MethodSource("clientRequests")
  void everyClientRequestSurvivesEncodeThenDecode(ClientRequest request) {
    assertThat(codec.decodeClientRequest(codec.encode(request)).orElseThrow()).isEqualTo(request);
    assertThat(codec.decodeClientRequest(codec.encodeToString(request)).orElseThrow()).isEqualTo(request);
  }

  @ParameterizedTest
  @MethodSource("serverMessages")
  void everyServerMessageSurvivesEncodeThenDecode(ServerMessage message) {
    assertThat(codec.decodeServerMessage(codec.encode(message)).orElseThrow()).isEqualTo(message);
    assertThat(codec.decodeServerMessage(codec.encodeToString(message)).orElseThrow()).isEqualTo(message);
  }

  @ParameterizedTest
  @MethodSource("agentMessages")
  void everyAgentMessageSurvivesEncodeThenDecode(AgentMessage message) {
    assertThat(codec.decodeAgentMessage(codec.encode(message)).orElseThrow()).isEqualTo(message);
    assertThat(codec.decodeAgentMessage(codec.encodeToString(message)).orElseThrow()).isEqualTo(message);
  }

  @ParameterizedTest
  @MethodSource("agentCommands")
  void everyAgentCommandSurvivesEncodeThenDecode(AgentCommand command) {
    assertThat(codec.decodeAgentCommand(codec.encode(command)).orElseThrow()).isEqualTo(command);
    assertThat(codec.decodeAgentCommand(codec.encodeToString(command)).orElseThrow()).isEqualTo(command);
  }

  @Test
  void rawJsonWithUnicodeEscapesAndNestedArraysKeepsItsExactBytes() {
    Snapshot snapshot = new Snapshot(Samples.C1, Samples.PODS, Samples.EPOCH, Version.of(1), List.of(Samples.TRICKY));

    Snapshot decoded = (Snapshot) codec.decodeServerMessage(codec.encode(snapshot)).orElseThrow();

    assertThat(decoded.items().get(0).bytes()).isEqualTo(Samples.TRICKY.bytes());
  }

  @Test
  void rawJsonIsWrittenAsItsBytesWithoutBeingParsedAgain() {
    RawJson spaced = RawJson.of("{ \"a\" : [ 1 , 2 ] }");
    Snapshot snapshot = new Snapshot(Samples.C1, Samples.PODS, Samples.EPOCH, Version.of(1), List.of(spaced));

    String encoded = codec.encodeToString(snapshot);

    assertThat(encoded).contains("\"items\":[{ \"a\" : [ 1 , 2 ] }]");
  }

  @Test
  void decodingCompactsWhitespaceInRawJson() {
    String frame =
        "{\"op\":\"snapshot\",\"cluster\":\"c1\",\"resource\":\"pods\",\"epoch\":\"e\",\"version\":1,"
            + "\"items\":[ { \"a\" : [ 1 , 2.50 ] } ]}";

    Snapshot decoded = (Snapshot) codec.decodeServerMessage(frame).orElseThrow();

    assertThat(decoded.items()).containsExactly(RawJson.of("{\"a\":[1,2.5]}"));
  }

  @Test
  void equalMessagesEncodeToEqualBytesWhateverTheLabelMapOrder() {
    for (AgentMessage message : Samples.agentMessages()) {
      AgentMessage again = codec.decodeAgentMessage(codec.encode(message)).orElseThrow();
      assertThat(codec.encode(again)).isEqualTo(codec.encode(message));
    }
  }

  @Test
  void encodedFramesAreUtf8WithoutEscapingNonAsciiText() {
    byte[] frame = codec.encode(Samples.serverMessages().get(1));

    assertThat(new String(frame, StandardCharsets.UTF_8)).contains("d\u00e9mo-user");
  }

  @Test
  void encodingSomethingThatIsNotAMessageIsRefused() {
    assertThatThrownBy(() -> codec.encode("hello")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.encode(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
