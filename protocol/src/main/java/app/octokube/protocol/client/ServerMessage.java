package app.octokube.protocol.client;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A frame the Backend sends a client on {@code /api/v1/stream}; {@code op} names it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = Snapshot.class, name = "snapshot"),
  @JsonSubTypes.Type(value = ClientDelta.class, name = "delta"),
  @JsonSubTypes.Type(value = ClusterStatus.class, name = "cluster"),
  @JsonSubTypes.Type(value = ErrorMessage.class, name = "error")
})
public sealed interface ServerMessage
    permits Hello, Snapshot, ClientDelta, ClusterStatus, ErrorMessage {}
