package app.octokube.agent.watch;

import app.octokube.protocol.ResourceName;
import java.time.Instant;
import java.util.Objects;

/**
 * What one reflector reports about its resource type, for status pages and health checks.
 *
 * @param state where the reflector stands now
 * @param lastError the last failure's message, kept after recovery so that a flapping type can be
 *     diagnosed; null if nothing failed yet. For {@link WatchState#FORBIDDEN} it names the
 *     missing permission.
 * @param resourceVersion the last resourceVersion seen, from a list, an event or a bookmark;
 *     null before the first list
 * @param relists how many times the type was listed again after its first list (an expired
 *     watch, a lost event)
 * @param since when the reflector entered {@code state}
 */
public record WatchStatus(
    ResourceName resource,
    WatchState state,
    String lastError,
    String resourceVersion,
    long relists,
    Instant since) {

  public WatchStatus {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
  }
}
