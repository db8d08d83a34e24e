package app.octokube.protocol.link;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A frame the Backend sends the Agent on the link; {@code op} names it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SnapshotRequest.class, name = "snapshot"),
  @JsonSubTypes.Type(value = ResumeRequest.class, name = "resume")
})
public sealed interface AgentCommand permits SnapshotRequest, ResumeRequest {}
