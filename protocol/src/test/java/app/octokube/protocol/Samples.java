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
import java.util.List;
import java.util.Map;

/** One or more fixed, valid instances of every message, for round trips and golden files. */
public final class Samples {
  public static final ClusterId C1 = ClusterId.of("c1");
  public static final Epoch EPOCH = Epoch.of("k3v9q2m7x1b8d4f0");
  public static final ResourceName PODS = ResourceName.of("pods");
  public static final ResourceName DEPLOYMENTS = ResourceName.of("deployments.apps");
  public static final ResourceName WIDGETS = ResourceName.of("widgets.example.com");
  public static final ObjectKey API_7F9 = ObjectKey.of("payments/api-7f9");
  public static final ObjectKey API_1A2 = ObjectKey.of("payments/api-1a2");

  public static final RawJson POD =
      RawJson.of("{\"metadata\":{\"name\":\"api-7f9\",\"namespace\":\"payments\"},\"status\":{\"phase\":\"Running\"}}");

  /**
   * Unicode in all UTF-8 lengths (é is 2 bytes, 日 3, the rocket 4), JSON escapes, nested arrays
   * and every scalar, written as Jackson writes them so a token-by-token copy keeps the bytes.
   */
  public static final RawJson TRICKY =
      RawJson.of(
          "{\"name\":\"caf\u00e9 \u65e5\u672c \ud83d\ude80\","
              + "\"escapes\":\"quote \\\" backslash \\\\ slash / newline \\n tab \\t nul \\u0000 bell \\u0007\","
              + "\"nested\":[[1,[2,[3,[]]]],{\"a\":[{}]},[]],"
              + "\"numbers\":[0,-1,9223372036854775807,-1.5E-7,3.25],"
              + "\"t\":true,\"f\":false,\"z\":null}");

  private Samples() {}

  /** The four families of messages, one per direction of each link. */
  public enum Family {
    CLIENT_REQUEST,
    SERVER_MESSAGE,
    AGENT_MESSAGE,
    AGENT_COMMAND
  }

  public static Family familyOf(Object message) {
    if (message instanceof ClientRequest) {
      return Family.CLIENT_REQUEST;
    }
    if (message instanceof ServerMessage) {
      return Family.SERVER_MESSAGE;
    }
    if (message instanceof AgentMessage) {
      return Family.AGENT_MESSAGE;
    }
    if (message instanceof AgentCommand) {
      return Family.AGENT_COMMAND;
    }
    throw new IllegalArgumentException("not a message: " + message);
  }

  /** Decodes a frame with the decoder of the message's family. */
  public static Decoded<?> decode(Codec codec, Object message, byte[] frame) {
    switch (familyOf(message)) {
      case CLIENT_REQUEST:
        return codec.decodeClientRequest(frame);
      case SERVER_MESSAGE:
        return codec.decodeServerMessage(frame);
      case AGENT_MESSAGE:
        return codec.decodeAgentMessage(frame);
      default:
        return codec.decodeAgentCommand(frame);
    }
  }

  /** Decodes a text frame with the decoder of the message's family. */
  public static Decoded<?> decode(Codec codec, Object message, String frame) {
    switch (familyOf(message)) {
      case CLIENT_REQUEST:
        return codec.decodeClientRequest(frame);
      case SERVER_MESSAGE:
        return codec.decodeServerMessage(frame);
      case AGENT_MESSAGE:
        return codec.decodeAgentMessage(frame);
      default:
        return codec.decodeAgentCommand(frame);
    }
  }

  public static List<ClientRequest> clientRequests() {
    return List.of(new Subscribe(C1, PODS), new Unsubscribe(C1, DEPLOYMENTS), new Resync(C1, WIDGETS));
  }

  public static List<ServerMessage> serverMessages() {
    return List.of(
        new Hello(
            "alice",
            false,
            List.of(
                new ClusterInfo(C1, true, EPOCH, Version.of(42), List.of(PODS, DEPLOYMENTS)),
                new ClusterInfo(ClusterId.of("staging"), false, null, Version.ZERO, List.of()))),
        new Hello("d\u00e9mo-user", true, List.of()),
        new Snapshot(C1, PODS, EPOCH, Version.of(42), List.of(POD, TRICKY)),
        new Snapshot(C1, WIDGETS, EPOCH, Version.ZERO, List.of()),
        new ClientDelta(
            C1,
            EPOCH,
            Version.of(43),
            Version.of(45),
            List.of(ClientChange.upsert(PODS, API_7F9, TRICKY), ClientChange.delete(PODS, API_1A2))),
        new ClientDelta(C1, EPOCH, Version.of(46), Version.of(46), List.of()),
        new ClusterStatus(C1, false, EPOCH),
        new ClusterStatus(ClusterId.of("staging"), false, null),
        ErrorMessage.of(ErrorCode.RATE_LIMITED, "slow down"),
        new ErrorMessage(ErrorCode.FORBIDDEN, "no rule grants secrets in c1", C1, ResourceName.of("secrets")));
  }

  public static List<AgentMessage> agentMessages() {
    return List.of(
        new AgentHello(EPOCH, Version.of(120), Version.of(80), List.of(PODS, DEPLOYMENTS), "0.1.0"),
        new AgentDelta(
            EPOCH,
            Version.of(121),
            List.of(
                Change.upsert(PODS, API_7F9, Map.of("app", "api", "tier", "web"), TRICKY, null),
                Change.upsert(
                    PODS, ObjectKey.of("payments/api-8"), Map.of(), POD, new Change.Previous(Map.of("app", "old"))),
                Change.delete(PODS, API_1A2, Map.of("app", "api")))),
        new SnapshotChunk(
            "snap-1", PODS, EPOCH, Version.of(121),
            List.of(new SnapshotItem(API_7F9, Map.of("app", "api"), POD)), false),
        new SnapshotChunk("snap-1", PODS, EPOCH, Version.of(121), List.of(), true),
        new ResumeAccepted(EPOCH, Version.of(100)),
        new ResumeTooOld(EPOCH, Version.of(10), Version.of(80)),
        new ResourcesChanged(EPOCH, Version.of(121), List.of(PODS, WIDGETS)),
        new AgentError("snap-2", "unknown-resource", "the agent does not serve widgets.example.com"),
        new AgentError(null, "bad-request", "missing field 'op'"));
  }

  public static List<AgentCommand> agentCommands() {
    return List.of(new SnapshotRequest("snap-1", PODS), new ResumeRequest(EPOCH, Version.of(100)));
  }
}
