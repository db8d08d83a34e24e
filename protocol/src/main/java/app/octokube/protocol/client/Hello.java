package app.octokube.protocol.client;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Fields;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Backend's first frame on a client connection: who the client is and the clusters it may
 * see, whether connected or not.
 *
 * @param user the authenticated user's name
 * @param demo true when the Backend runs against simulated clusters; omitted when false
 * @param clusters one entry per cluster the user may see something in, each cluster once
 */
public record Hello(
    String user,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean demo,
    List<ClusterInfo> clusters)
    implements ServerMessage {

  public Hello {
    Fields.text(user, "user");
    clusters = Fields.list(clusters, "clusters");
    Set<ClusterId> seen = new HashSet<>();
    for (ClusterInfo info : clusters) {
      if (!seen.add(info.cluster())) {
        throw new IllegalArgumentException("clusters must not name the same cluster twice");
      }
    }
  }
}
