package app.octokube.protocol;

import java.util.Objects;

/**
 * The {@link FrameLimits} of each kind of frame the {@link Codec} decodes. The defaults, and the
 * reasons for them, are also in docs/protocol.md ("Limits").
 */
public record CodecLimits(
    FrameLimits agentMessages,
    FrameLimits agentCommands,
    FrameLimits clientRequests,
    FrameLimits serverMessages) {

  private static final int KIB = 1 << 10;
  private static final int MIB = 1 << 20;

  /**
   * Agent to Backend: 16 MiB, depth 256. Snapshot chunks aim at 1 MiB, but one object may be
   * larger (the apiserver stores objects up to about 1.5 MiB) and a delta is one version, which
   * cannot be split; 16 MiB leaves room for both. Projected objects of custom resources can nest
   * deeply; 256 levels is ample and still far from any stack limit.
   */
  public static final FrameLimits AGENT_MESSAGES = new FrameLimits(16 * MIB, 256);

  /** Backend to Agent: 64 KiB, depth 16. Commands are a few short fields. */
  public static final FrameLimits AGENT_COMMANDS = new FrameLimits(64 * KIB, 16);

  /**
   * Client to Backend: 1 MiB, depth 64. Requests are a hundred bytes; the limits only keep a
   * hostile client from making the Backend parse much, while leaving room for fields a later
   * client may add.
   */
  public static final FrameLimits CLIENT_REQUESTS = new FrameLimits(MIB, 64);

  /**
   * Backend to client: 256 MiB, depth 256. A client snapshot is one frame with every object of
   * a resource the user may see: 150,000 pods of about 1 KiB each fit. Objects nest as on the
   * link.
   */
  public static final FrameLimits SERVER_MESSAGES = new FrameLimits(256 * MIB, 256);

  public static final CodecLimits DEFAULTS =
      new CodecLimits(AGENT_MESSAGES, AGENT_COMMANDS, CLIENT_REQUESTS, SERVER_MESSAGES);

  public CodecLimits {
    Objects.requireNonNull(agentMessages, "agentMessages");
    Objects.requireNonNull(agentCommands, "agentCommands");
    Objects.requireNonNull(clientRequests, "clientRequests");
    Objects.requireNonNull(serverMessages, "serverMessages");
  }

  public CodecLimits withAgentMessages(FrameLimits limits) {
    return new CodecLimits(limits, agentCommands, clientRequests, serverMessages);
  }

  public CodecLimits withAgentCommands(FrameLimits limits) {
    return new CodecLimits(agentMessages, limits, clientRequests, serverMessages);
  }

  public CodecLimits withClientRequests(FrameLimits limits) {
    return new CodecLimits(agentMessages, agentCommands, limits, serverMessages);
  }

  public CodecLimits withServerMessages(FrameLimits limits) {
    return new CodecLimits(agentMessages, agentCommands, clientRequests, limits);
  }
}
