package app.octokube.backend.stream;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.ChangeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one access may see of the Agent's changes: pure functions, no state, no I/O.
 *
 * <p>The Backend keeps no copy of any object, so it decides from each change alone. A change
 * carries the object's labels before ({@code previous}) and after, and its key, whose namespace
 * and name never change; so for one access:
 *
 * <ul>
 *   <li>visible after → {@code upsert} with the object (it may be new to the user: it became
 *       visible);
 *   <li>visible before but not after → {@code delete} (relabelled out of view, or deleted);
 *   <li>visible neither before nor after → nothing.
 * </ul>
 */
public final class ChangeFilter {
  private ChangeFilter() {}

  /** The changes of {@code resources} that {@code access} may see, in the Agent's order. */
  public static List<ClientChange> visible(
      List<Change> changes, Set<ResourceName> resources, ClusterAccess access) {
    List<ClientChange> out = new ArrayList<>();
    for (Change change : changes) {
      if (resources.contains(change.resource())) {
        ClientChange seen = visible(change, access);
        if (seen != null) {
          out.add(seen);
        }
      }
    }
    return out;
  }

  /** One change as {@code access} sees it, or null when it sees nothing of it. */
  public static ClientChange visible(Change change, ClusterAccess access) {
    ResourceName resource = change.resource();
    ObjectKey key = change.key();
    boolean before = change.previous() != null && access.mayView(resource, key, change.previous().labels());
    if (change.type() == ChangeType.UPSERT && access.mayView(resource, key, change.labels())) {
      return ClientChange.upsert(resource, key, change.object());
    }
    return before ? ClientChange.delete(resource, key) : null;
  }

  /** One object's place in a merge: changes to the same object replace each other. */
  public record Slot(ResourceName resource, ObjectKey key) {}

  /**
   * Merges later changes into earlier ones: per object the later change wins, which is exact
   * because a client change sets the object's whole state (an upsert then a delete is a delete, a
   * delete then an upsert is that upsert). Objects keep the position of their first change.
   */
  public static void mergeInto(Map<Slot, ClientChange> merged, Collection<ClientChange> later) {
    for (ClientChange change : later) {
      merged.put(new Slot(change.resource(), change.key()), change);
    }
  }

  /** A fresh map for {@link #mergeInto}. */
  public static Map<Slot, ClientChange> newMerge() {
    return new LinkedHashMap<>();
  }

  /** Roughly the bytes one change takes encoded: the object plus its key, resource and field names. */
  public static long sizeOf(ClientChange change) {
    long object = change.object() == null ? 0 : change.object().size();
    return object + change.key().value().length() + change.resource().value().length() + 48;
  }
}
