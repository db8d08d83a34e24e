package app.octokube.backend.stream;

import app.octokube.protocol.ClusterId;
import java.time.Instant;

/**
 * Decides what a user may see of a cluster. Called from several event loops at once, so an
 * implementation is thread-safe; it must not block, since every caller is an event loop.
 *
 * <p>The Backend asks when a client subscribes, when it builds a {@code hello} or a cluster
 * status, and again for every subscriber when told that access changed (a policy reload, a
 * schedule boundary): see {@link ClusterRegistry#accessChanged()}.
 */
@FunctionalInterface
public interface AccessResolver {

  /** The user's access to the cluster at {@code now}; never null ("no access" is an access). */
  ClusterAccess accessFor(String user, ClusterId cluster, Instant now);
}
