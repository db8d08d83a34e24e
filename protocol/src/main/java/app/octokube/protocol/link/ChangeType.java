package app.octokube.protocol.link;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happened to an object: it now exists with this content, or it no longer exists. */
public enum ChangeType {
  @JsonProperty("upsert")
  UPSERT,
  @JsonProperty("delete")
  DELETE
}
