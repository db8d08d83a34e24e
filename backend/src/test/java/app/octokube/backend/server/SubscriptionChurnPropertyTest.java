package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import java.time.Duration;
import app.octokube.protocol.client.ServerMessage;
import app.octokube.protocol.client.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * Clients that subscribe, unsubscribe and resync while changes stream in, and snapshots overtake
 * the deltas they reflect, over real sockets: the
 * fan-out moves each subscriber between the per-version walk and its settled group on every such
 * step (docs/architecture.md, step 8), and whatever the order, every client ends gap-free at the
 * Agent's version holding exactly the objects its rules let it see, for every resource it holds.
 */
class SubscriptionChurnPropertyTest {
  private static final List<String> RESOURCES = List.of("pods", "services");
  private static final List<String> NAMESPACES = List.of("payments", "search", "other");
  private static final Map<String, TestAccess.Grant> GRANTS = Map.of(
      "alice", TestAccess.Grant.of("c1", Set.of("payments"), Set.of("pods", "services")),
      "bob", TestAccess.Grant.of("c1", Set.of("payments", "search"), Set.of("pods", "services"))
          .withSelector(Map.of("tier", "web")),
      "carol", TestAccess.Grant.of("c1", Set.of("search"), Set.of("pods")));

  private static final List<String> USERS = List.of("alice", "bob", "carol");

  /**
   * One test client, the resources it holds now, and for each the number of messages it had when
   * it last subscribed or resynced: a client forgets a resource it unsubscribes or resyncs, so its
   * state of it starts again with the next snapshot after that point.
   */
  private record Viewer(String user, TestClient client, Set<String> resources, Map<String, Integer> since) {
    ClientState state(String resource) {
      List<ServerMessage> messages = client.messages();
      return ClientState.replay(messages.subList(since.get(resource), messages.size()), "c1", resource);
    }
  }

  @Property(tries = 6, shrinking = ShrinkingMode.OFF)
  void everyClientEndsAtTheAgentsVersionWithWhatItMaySee(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    try (TestBackend backend = new TestBackend("alice", "bob", "carol")) {
      GRANTS.forEach(backend.access::grant);
      FakeAgent agent = backend.agent("c1", RESOURCES.toArray(String[]::new)).connect();
      // resource → key → tier: what the Agent holds, as the test made it
      Map<String, Map<String, String>> objects = new TreeMap<>();
      RESOURCES.forEach(resource -> objects.put(resource, new TreeMap<>()));

      List<Viewer> viewers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String user = USERS.get(random.nextInt(USERS.size()));
        TestClient client = backend.client(user);
        client.hello();
        Viewer viewer = new Viewer(user, client, new LinkedHashSet<>(), new HashMap<>());
        subscribe(viewer, "pods");
        viewers.add(viewer);
      }

      boolean held = false;
      for (int step = 0; step < 400; step++) {
        int dice = random.nextInt(100);
        Viewer viewer = viewers.get(random.nextInt(viewers.size()));
        String resource = allowed(viewer).get(random.nextInt(allowed(viewer).size()));
        if (dice < 70) {
          String namespace = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
          String name = namespace + "-" + resource.charAt(0) + random.nextInt(8);
          String tier = random.nextBoolean() ? "web" : "db";
          agent.upsert(resource, namespace + "/" + name, Map.of("tier", tier), object(name));
          objects.get(resource).put(namespace + "/" + name, tier);
        } else if (dice < 80) {
          subscribe(viewer, resource);
        } else if (dice < 88) {
          // Each keeps one subscription at least: a client's versions run on while it holds any.
          if (viewer.resources().size() > 1 && viewer.resources().remove(resource)) {
            viewer.client().unsubscribe("c1", resource);
          }
        } else if (dice < 94) {
          if (viewer.resources().contains(resource)) {
            viewer.since().put(resource, viewer.client().messages().size());
            viewer.client().resync("c1", resource);
            awaitSnapshot(viewer, resource);
          }
        } else if (dice < 97) {
          // While held, snapshots overtake deltas: they reach the Backend ahead of its version.
          held = !held;
          if (held) {
            agent.holdDeltas();
          } else {
            agent.releaseDeltas();
          }
        } else {
          Thread.sleep(random.nextInt(30));
        }
      }

      agent.releaseDeltas();
      long last = agent.version();
      for (Viewer viewer : viewers) {
        for (String resource : viewer.resources()) {
          await().atMost(Duration.ofSeconds(10)).until(() -> viewer.state(resource).local() == last);
          ClientState state = viewer.state(resource);
          assertThat(state.gaps()).as("%s's gaps in %s (seed %d)", viewer.user(), resource, seed).isEmpty();
          assertThat(state.names()).as("%s's %s (seed %d)", viewer.user(), resource, seed)
              .isEqualTo(visible(GRANTS.get(viewer.user()), resource, objects.get(resource)));
        }
        assertThat(viewer.client().errors()).isEmpty();
      }
    }
  }

  private static void subscribe(Viewer viewer, String resource) {
    if (viewer.resources().add(resource)) {
      viewer.since().put(resource, viewer.client().messages().size());
      viewer.client().subscribe("c1", resource);
      awaitSnapshot(viewer, resource);
    }
  }

  /**
   * Waits for the snapshot that answers a subscribe or resync, so that no earlier snapshot is
   * still on its way when the next one is asked for: the state is then kept from the answer on,
   * as a client that asked for a snapshot ignores the resource until it arrives.
   */
  private static void awaitSnapshot(Viewer viewer, String resource) {
    int since = viewer.since().get(resource);
    await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).until(() -> {
      List<ServerMessage> messages = viewer.client().messages();
      return messages.subList(since, messages.size()).stream().anyMatch(message ->
          message instanceof Snapshot snapshot && snapshot.resource().value().equals(resource));
    });
  }

  private static List<String> allowed(Viewer viewer) {
    return RESOURCES.stream().filter(GRANTS.get(viewer.user()).resources()::contains).toList();
  }

  /** The names (unique across namespaces here) that {@code grant} may see, sorted. */
  private static List<String> visible(TestAccess.Grant grant, String resource, Map<String, String> objects) {
    Map<String, String> names = new TreeMap<>();
    for (Map.Entry<String, String> object : objects.entrySet()) {
      ObjectKey key = ObjectKey.of(object.getKey());
      if (grant.mayView(ResourceName.of(resource), key, Map.of("tier", object.getValue()))) {
        names.put(key.name(), object.getKey());
      }
    }
    return List.copyOf(names.keySet());
  }

  private static String object(String name) {
    return "{\"metadata\":{\"name\":\"" + name + "\"}}";
  }
}
