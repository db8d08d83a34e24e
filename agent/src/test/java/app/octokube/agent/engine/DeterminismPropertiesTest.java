package app.octokube.agent.engine;

import static app.octokube.agent.engine.Fixtures.PODS;
import static app.octokube.agent.engine.Fixtures.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.agent.projection.Projection;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The engine's determinism: the same events give the same state and an equivalent delta stream
 * however they are split into batches, and deltas replayed onto a snapshot give the later
 * snapshot.
 */
class DeterminismPropertiesTest {
  private static final List<ResourceName> TYPES = List.of(PODS, SERVICES);
  private static final List<String> KEYS = List.of("a/1", "a/2", "a/3", "b/1", "b/2", "node-1");

  @Property(tries = 300)
  void stateAndDeltasDoNotDependOnHowEventsAreSplitIntoBatches(
      @ForAll("histories") List<ClusterEvent> events, @ForAll("cuts") Set<Integer> cuts) {
    HotState state = new HotState();
    List<ClusterEvent> initial = events.subList(0, TYPES.size());
    List<ClusterEvent> rest = events.subList(TYPES.size(), events.size());
    state.apply(initial);
    Fixtures.ClientModel client = new Fixtures.ClientModel();
    for (ResourceName type : TYPES) {
      client.load(type, state.objects(type));
    }

    long version = 0;
    int start = 0;
    for (int end : boundaries(cuts, rest.size())) {
      HotState.BatchResult result = state.apply(rest.subList(start, end));
      if (!result.changes().isEmpty()) {
        client.apply(new AgentDelta(Epoch.of("e"), Version.of(++version), result.changes()));
      }
      Map<ResourceName, Map<ObjectKey, String>> expected = Fixtures.reference(events.subList(0, TYPES.size() + end));
      for (ResourceName type : TYPES) {
        assertThat(client.of(type)).as("client after events up to %d", end).isEqualTo(expected.get(type));
        assertThat(Fixtures.asMap(state.objects(type))).isEqualTo(expected.get(type));
      }
      start = end;
    }
  }

  @Property(tries = 300)
  void aBatchSpendsAVersionExactlyWhenItsNetEffectIsVisible(@ForAll("histories") List<ClusterEvent> events) {
    HotState state = new HotState();
    state.apply(events.subList(0, TYPES.size()));
    for (ClusterEvent event : events.subList(TYPES.size(), events.size())) {
      Map<ObjectKey, String> before = Fixtures.asMap(state.objects(event.resource()));
      boolean changed = !state.apply(List.of(event)).changes().isEmpty();
      Map<ObjectKey, String> after = Fixtures.asMap(state.objects(event.resource()));
      assertThat(changed).isEqualTo(!before.equals(after));
    }
  }

  @Property(tries = 60)
  void deltasReplayedOntoASnapshotGiveTheSnapshotAtTheSameVersion(
      @ForAll("histories") List<ClusterEvent> events) throws Exception {
    List<AgentDelta> deltas = new CopyOnWriteArrayList<>();
    var streamer = Executors.newSingleThreadExecutor();
    try (ExecutionQueue queue = new ExecutionQueue(QueueConfig.DEFAULTS, Fixtures.ENCODER, streamer)) {
      queue.attach(delta -> deltas.add(delta.delta())).get(5, TimeUnit.SECONDS);
      for (ClusterEvent e : events.subList(0, TYPES.size())) {
        queue.submit(e);
      }
      Fixtures.ClientModel client = new Fixtures.ClientModel();
      long first = loadSnapshots(queue, client);
      for (ClusterEvent e : events.subList(TYPES.size(), events.size())) {
        queue.submit(e);
      }
      Fixtures.ClientModel later = new Fixtures.ClientModel();
      long last = loadSnapshots(queue, later);

      for (AgentDelta d : deltas) {
        if (d.version().value() > first && d.version().value() <= last) {
          client.apply(d);
        }
      }
      assertThat(deltas).extracting(d -> d.version().value()).isSorted();
      for (ResourceName type : TYPES) {
        assertThat(client.of(type)).isEqualTo(later.of(type));
      }
    } finally {
      streamer.shutdownNow();
    }
  }

  private static long loadSnapshots(ExecutionQueue queue, Fixtures.ClientModel client) throws Exception {
    long version = -1;
    for (ResourceName type : TYPES) {
      List<Projection> items = new ArrayList<>();
      long v = queue.snapshot(type, chunk -> items.addAll(chunk.items())).get(5, TimeUnit.SECONDS);
      client.load(type, items);
      version = v;
    }
    // Both snapshots were taken with no event queued between them, so they share a version.
    return version;
  }

  private static List<Integer> boundaries(Set<Integer> cuts, int size) {
    TreeSet<Integer> ends = new TreeSet<>();
    for (int c : cuts) {
      if (c > 0 && c < size) {
        ends.add(c);
      }
    }
    ends.add(size);
    return new ArrayList<>(ends);
  }

  @Provide
  Arbitrary<Set<Integer>> cuts() {
    return Arbitraries.integers().between(0, 80).set().ofMaxSize(40);
  }

  /** Two initial lists, then a random mix of upserts, deletes and relists over few keys. */
  @Provide
  Arbitrary<List<ClusterEvent>> histories() {
    Arbitrary<ClusterEvent> initialPods = relists(PODS);
    Arbitrary<ClusterEvent> initialServices = relists(SERVICES);
    Arbitrary<ClusterEvent> event = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(7, upserts()),
        net.jqwik.api.Tuple.of(2, deletes()),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(TYPES).flatMap(DeterminismPropertiesTest::relists)));
    return Combinators.combine(initialPods, initialServices, event.list().ofMaxSize(80))
        .as((p, s, rest) -> {
          List<ClusterEvent> all = new ArrayList<>();
          all.add(p);
          all.add(s);
          all.addAll(rest);
          return all;
        });
  }

  private static Arbitrary<Projection> objects(ResourceName type) {
    return Combinators.combine(
            Arbitraries.of(KEYS), Arbitraries.of("web", "db"), Arbitraries.of("x", "y", "z"))
        .as((key, tier, content) -> Fixtures.object(type, key, Map.of("tier", tier), content));
  }

  private static Arbitrary<ClusterEvent> relists(ResourceName type) {
    return objects(type).list().ofMaxSize(5).map(list -> {
      // A real list never names an object twice.
      Map<ObjectKey, Projection> unique = new java.util.LinkedHashMap<>();
      list.forEach(p -> unique.put(p.key(), p));
      return new ClusterEvent.Relisted(type, new ArrayList<>(unique.values()));
    });
  }

  private static Arbitrary<ClusterEvent> upserts() {
    return Arbitraries.of(TYPES).flatMap(type -> objects(type).map(ClusterEvent.Upserted::new));
  }

  private static Arbitrary<ClusterEvent> deletes() {
    return Combinators.combine(Arbitraries.of(TYPES), Arbitraries.of(KEYS))
        .as((type, key) -> new ClusterEvent.Deleted(type, ObjectKey.of(key)));
  }

}
