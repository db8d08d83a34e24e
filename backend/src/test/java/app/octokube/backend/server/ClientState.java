package app.octokube.backend.server;

import app.octokube.protocol.RawJson;
import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.client.ClientDelta;
import app.octokube.protocol.client.ServerMessage;
import app.octokube.protocol.client.Snapshot;
import app.octokube.protocol.link.ChangeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client's rule from BRIEF.md for one (cluster, resource), as a reference model: replays a
 * client's messages and records every gap it would have seen. Objects are tracked by key.
 */
final class ClientState {
  private static final Pattern NAME = Pattern.compile("\"name\":\"([^\"]+)\"");

  private final String cluster;
  private final String resource;
  private final Map<String, RawJson> objects = new TreeMap<>();
  private final List<String> gaps = new ArrayList<>();
  private String epoch;
  private long local = -1;

  private ClientState(String cluster, String resource) {
    this.cluster = cluster;
    this.resource = resource;
  }

  static ClientState replay(List<ServerMessage> messages, String cluster, String resource) {
    ClientState state = new ClientState(cluster, resource);
    messages.forEach(state::apply);
    return state;
  }

  private void apply(ServerMessage message) {
    if (message instanceof Snapshot snapshot && snapshot.cluster().value().equals(cluster)
        && snapshot.resource().value().equals(resource)) {
      objects.clear();
      for (RawJson item : snapshot.items()) {
        objects.put(nameOf(item), item);
      }
      epoch = snapshot.epoch().value();
      local = snapshot.version().value();
    } else if (message instanceof ClientDelta delta && delta.cluster().value().equals(cluster) && local >= 0) {
      if (!delta.epoch().value().equals(epoch)) {
        gaps.add("epoch " + delta.epoch() + " while holding " + epoch);
        local = -1;
      } else if (delta.from().value() == local + 1) {
        for (ClientChange change : delta.changes()) {
          if (change.resource().value().equals(resource)) {
            String key = change.key().value();
            if (change.type() == ChangeType.UPSERT) {
              objects.put(key.substring(key.indexOf('/') + 1), change.object());
            } else {
              objects.remove(key.substring(key.indexOf('/') + 1));
            }
          }
        }
        local = delta.to().value();
      } else if (delta.to().value() > local) {
        gaps.add(delta.from() + ".." + delta.to() + " at " + local);
        local = -1;
      }
    }
  }

  private static String nameOf(RawJson object) {
    Matcher matcher = NAME.matcher(object.toString());
    if (!matcher.find()) {
      throw new IllegalArgumentException("test objects carry metadata.name");
    }
    return matcher.group(1);
  }

  /** The names of the objects held. */
  List<String> names() {
    return List.copyOf(objects.keySet());
  }

  long local() {
    return local;
  }

  List<String> gaps() {
    return gaps;
  }
}
