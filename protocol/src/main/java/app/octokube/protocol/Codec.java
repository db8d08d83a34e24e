package app.octokube.protocol;

import app.octokube.protocol.client.ClientRequest;
import app.octokube.protocol.client.ServerMessage;
import app.octokube.protocol.link.AgentCommand;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.AgentMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The JSON codec of both links: every message in, every message out. One instance is built once
 * and shared; it is immutable and thread-safe.
 *
 * <p>Encoding writes straight from the records to UTF-8 bytes, with no intermediate tree, and
 * writes {@link RawJson} objects as the bytes they are: on the Backend's fan-out path an object
 * is never parsed or re-encoded. Equal messages encode to equal bytes (maps are sorted by key).
 *
 * <p>Decoding never throws, whatever the frame: it returns {@link Decoded.Ok} with a valid
 * message, or {@link Decoded.Failed} with a {@link DecodeError} fit to show the peer. A frame is
 * checked against its direction's {@link FrameLimits} before any parsing. Frames from clients,
 * the only untrusted peers, are also refused if an object repeats a field name.
 */
public final class Codec {
  private final CodecLimits limits;
  private final DeltaWriter deltaWriter;
  private final ObjectWriter agentMessageWriter;
  private final ObjectWriter agentCommandWriter;
  private final ObjectWriter clientRequestWriter;
  private final ObjectWriter serverMessageWriter;
  private final FrameReader<AgentMessage> agentMessages;
  private final FrameReader<AgentCommand> agentCommands;
  private final FrameReader<ClientRequest> clientRequests;
  private final FrameReader<ServerMessage> serverMessages;

  /** A codec with {@link CodecLimits#DEFAULTS}. */
  public Codec() {
    this(CodecLimits.DEFAULTS);
  }

  public Codec(CodecLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    ObjectMapper mapper = WireMapper.create();
    deltaWriter = new DeltaWriter(mapper);
    agentMessageWriter = mapper.writerFor(AgentMessage.class);
    agentCommandWriter = mapper.writerFor(AgentCommand.class);
    clientRequestWriter = mapper.writerFor(ClientRequest.class);
    serverMessageWriter = mapper.writerFor(ServerMessage.class);
    agentMessages = new FrameReader<>(mapper, AgentMessage.class, limits.agentMessages(), false);
    agentCommands = new FrameReader<>(mapper, AgentCommand.class, limits.agentCommands(), false);
    clientRequests = new FrameReader<>(mapper, ClientRequest.class, limits.clientRequests(), true);
    serverMessages = new FrameReader<>(mapper, ServerMessage.class, limits.serverMessages(), false);
  }

  public CodecLimits limits() {
    return limits;
  }

  /**
   * The frame of a message: compact UTF-8 JSON, {@code op} first, then the fields in the order
   * of the record's components, null fields left out.
   *
   * @param message an {@link AgentMessage}, {@link AgentCommand}, {@link ClientRequest} or
   *     {@link ServerMessage}
   * @throws IllegalArgumentException if {@code message} is none of those
   */
  public byte[] encode(Object message) {
    if (message instanceof AgentDelta delta) {
      // The Agent's per-batch message: written by hand, to the same bytes (see DeltaWriter).
      try {
        return deltaWriter.encode(delta);
      } catch (IOException e) {
        throw new UncheckedIOException("a valid message failed to encode", e);
      }
    }
    return encodeWithDatabind(message);
  }

  /** {@link #encode} through databind alone, whatever the message; what DeltaWriter must match. */
  byte[] encodeWithDatabind(Object message) {
    try {
      return writerFor(message).writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a valid message failed to encode", e);
    }
  }

  /** {@link #encode} as a string, for WebSocket APIs that send text frames from strings. */
  public String encodeToString(Object message) {
    return new String(encode(message), StandardCharsets.UTF_8);
  }

  /** Decodes a frame the Agent sent, under {@link CodecLimits#agentMessages()}. */
  public Decoded<AgentMessage> decodeAgentMessage(byte[] frame) {
    return agentMessages.decode(frame);
  }

  public Decoded<AgentMessage> decodeAgentMessage(String frame) {
    return agentMessages.decode(frame);
  }

  /** Decodes a frame the Backend sent an Agent, under {@link CodecLimits#agentCommands()}. */
  public Decoded<AgentCommand> decodeAgentCommand(byte[] frame) {
    return agentCommands.decode(frame);
  }

  public Decoded<AgentCommand> decodeAgentCommand(String frame) {
    return agentCommands.decode(frame);
  }

  /** Decodes a frame a client sent, under {@link CodecLimits#clientRequests()}. */
  public Decoded<ClientRequest> decodeClientRequest(byte[] frame) {
    return clientRequests.decode(frame);
  }

  public Decoded<ClientRequest> decodeClientRequest(String frame) {
    return clientRequests.decode(frame);
  }

  /** Decodes a frame the Backend sent a client, under {@link CodecLimits#serverMessages()}. */
  public Decoded<ServerMessage> decodeServerMessage(byte[] frame) {
    return serverMessages.decode(frame);
  }

  public Decoded<ServerMessage> decodeServerMessage(String frame) {
    return serverMessages.decode(frame);
  }

  private ObjectWriter writerFor(Object message) {
    if (message instanceof ServerMessage) {
      return serverMessageWriter;
    }
    if (message instanceof AgentMessage) {
      return agentMessageWriter;
    }
    if (message instanceof ClientRequest) {
      return clientRequestWriter;
    }
    if (message instanceof AgentCommand) {
      return agentCommandWriter;
    }
    throw new IllegalArgumentException(
        "not a wire message: " + (message == null ? "null" : message.getClass().getSimpleName()));
  }
}
