package app.octokube.protocol.client;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.ResourceName;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A frame a client sends the Backend on {@code /api/v1/stream}. Each one concerns one
 * subscription: one resource type of one cluster.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Subscribe.class, name = "subscribe"),
  @JsonSubTypes.Type(value = Unsubscribe.class, name = "unsubscribe"),
  @JsonSubTypes.Type(value = Resync.class, name = "resync")
})
public sealed interface ClientRequest permits Subscribe, Unsubscribe, Resync {
  ClusterId cluster();

  ResourceName resource();
}
