package app.octokube.agent.engine;

import app.octokube.agent.projection.Projection;
import app.octokube.protocol.Codec;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.ChangeType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small projections and a plain reference model for the engine's tests. */
final class Fixtures {
  static final ResourceName PODS = ResourceName.of("pods");
  static final ResourceName SERVICES = ResourceName.of("services");
  /** The production codec: deltas are encoded exactly as the Agent sends them. */
  static final DeltaEncoder ENCODER = new Codec()::encode;

  private Fixtures() {}

  static Projection object(ResourceName resource, String key, String content) {
    return object(resource, key, Map.of("app", "demo"), content);
  }

  static Projection object(ResourceName resource, String key, Map<String, String> labels, String content) {
    ObjectKey k = ObjectKey.of(key);
    String json = "{\"metadata\":{\"name\":\"" + k.name() + "\"},\"content\":\"" + content + "\"}";
    return new Projection(resource, k, labels, RawJson.of(json));
  }

  static ClusterEvent upsert(ResourceName resource, String key, String content) {
    return new ClusterEvent.Upserted(object(resource, key, content));
  }

  static ClusterEvent delete(ResourceName resource, String key) {
    return new ClusterEvent.Deleted(resource, ObjectKey.of(key));
  }

  static ClusterEvent relist(ResourceName resource, Projection... objects) {
    return new ClusterEvent.Relisted(resource, List.of(objects));
  }

  /**
   * What a client holds: resource → key → object JSON. Applying a delta is what the Backend and
   * the browser do; comparing it with a snapshot is the consistency guarantee.
   */
  static final class ClientModel {
    final Map<ResourceName, Map<ObjectKey, String>> objects = new HashMap<>();

    void load(ResourceName resource, List<Projection> items) {
      Map<ObjectKey, String> m = new TreeMap<>();
      for (Projection p : items) {
        m.put(p.key(), p.json().toString());
      }
      objects.put(resource, m);
    }

    void apply(AgentDelta delta) {
      for (Change c : delta.changes()) {
        Map<ObjectKey, String> m = objects.computeIfAbsent(c.resource(), r -> new TreeMap<>());
        if (c.type() == ChangeType.UPSERT) {
          m.put(c.key(), c.object().toString());
        } else {
          m.remove(c.key());
        }
      }
    }

    Map<ObjectKey, String> of(ResourceName resource) {
      return objects.getOrDefault(resource, Map.of());
    }
  }

  /** The state a sequence of events should leave, computed the plainest way. */
  static Map<ResourceName, Map<ObjectKey, String>> reference(List<ClusterEvent> events) {
    Map<ResourceName, Map<ObjectKey, String>> state = new HashMap<>();
    for (ClusterEvent e : events) {
      if (e instanceof ClusterEvent.Relisted r) {
        Map<ObjectKey, String> m = new TreeMap<>();
        r.objects().forEach(p -> m.put(p.key(), p.json().toString()));
        state.put(r.resource(), m);
      } else if (e instanceof ClusterEvent.ResourceRemoved r) {
        state.remove(r.resource());
      } else if (!state.containsKey(e.resource())) {
        continue;
      } else if (e instanceof ClusterEvent.Upserted u) {
        state.get(u.resource()).put(u.projection().key(), u.projection().json().toString());
      } else if (e instanceof ClusterEvent.Deleted d) {
        state.get(d.resource()).remove(d.key());
      }
    }
    return state;
  }

  static Map<ObjectKey, String> asMap(List<Projection> items) {
    Map<ObjectKey, String> m = new TreeMap<>();
    items.forEach(p -> m.put(p.key(), p.json().toString()));
    return m;
  }
}
