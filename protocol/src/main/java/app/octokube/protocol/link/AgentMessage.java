package app.octokube.protocol.link;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A frame the Agent sends the Backend on the link. The {@code op} property names the message;
 * docs/protocol.md specifies each one and the order they come in.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AgentHello.class, name = "hello"),
  @JsonSubTypes.Type(value = AgentDelta.class, name = "delta"),
  @JsonSubTypes.Type(value = SnapshotChunk.class, name = "snapshot-chunk"),
  @JsonSubTypes.Type(value = ResumeAccepted.class, name = "resumed"),
  @JsonSubTypes.Type(value = ResumeTooOld.class, name = "resume-too-old"),
  @JsonSubTypes.Type(value = ResourcesChanged.class, name = "resources"),
  @JsonSubTypes.Type(value = AgentError.class, name = "error")
})
public sealed interface AgentMessage
    permits AgentHello,
        AgentDelta,
        SnapshotChunk,
        ResumeAccepted,
        ResumeTooOld,
        ResourcesChanged,
        AgentError {}
