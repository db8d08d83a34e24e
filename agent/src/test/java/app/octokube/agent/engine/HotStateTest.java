package app.octokube.agent.engine;

import static app.octokube.agent.engine.Fixtures.PODS;
import static app.octokube.agent.engine.Fixtures.SERVICES;
import static app.octokube.agent.engine.Fixtures.delete;
import static app.octokube.agent.engine.Fixtures.object;
import static app.octokube.agent.engine.Fixtures.relist;
import static app.octokube.agent.engine.Fixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.ChangeType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HotStateTest {
  private final HotState state = new HotState();

  @Test
  void firstListOfATypeStartsTrackingWithoutChanges() {
    HotState.BatchResult result = state.apply(List.of(relist(PODS, object(PODS, "a/p1", "x"))));

    assertThat(result.changes()).isEmpty();
    assertThat(result.resourcesChanged()).isTrue();
    assertThat(state.tracks(PODS)).isTrue();
    assertThat(state.objects(PODS)).hasSize(1);
  }

  @Test
  void upsertOfANewObjectIsAnUpsertWithoutPrevious() {
    state.apply(List.of(relist(PODS)));

    List<Change> changes = state.apply(List.of(upsert(PODS, "a/p1", "x"))).changes();

    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo(ChangeType.UPSERT);
      assertThat(c.key()).isEqualTo(ObjectKey.of("a/p1"));
      assertThat(c.previous()).isNull();
      assertThat(c.object().toString()).contains("\"x\"");
    });
  }

  @Test
  void updateCarriesThePreviousLabels() {
    state.apply(List.of(relist(PODS, object(PODS, "a/p1", Map.of("tier", "web"), "x"))));

    List<Change> changes =
        state.apply(List.of(new ClusterEvent.Upserted(object(PODS, "a/p1", Map.of("tier", "db"), "y"))))
            .changes();

    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.labels()).containsEntry("tier", "db");
      assertThat(c.previous().labels()).containsEntry("tier", "web");
    });
  }

  @Test
  void identicalProjectionProducesNoChange() {
    state.apply(List.of(relist(PODS, object(PODS, "a/p1", "x"))));

    assertThat(state.apply(List.of(upsert(PODS, "a/p1", "x"))).changes()).isEmpty();
  }

  @Test
  void createThenDeleteInOneBatchProducesNothing() {
    state.apply(List.of(relist(PODS)));

    HotState.BatchResult result = state.apply(List.of(upsert(PODS, "a/p1", "x"), delete(PODS, "a/p1")));

    assertThat(result.changes()).isEmpty();
    assertThat(state.size()).isZero();
  }

  @Test
  void updateThenRevertInOneBatchProducesNothing() {
    state.apply(List.of(relist(PODS, object(PODS, "a/p1", "x"))));

    assertThat(state.apply(List.of(upsert(PODS, "a/p1", "y"), upsert(PODS, "a/p1", "x"))).changes())
        .isEmpty();
  }

  @Test
  void deleteThenRecreateInOneBatchIsOneUpsertWithPrevious() {
    state.apply(List.of(relist(PODS, object(PODS, "a/p1", "x"))));

    List<Change> changes =
        state.apply(List.of(delete(PODS, "a/p1"), upsert(PODS, "a/p1", "z"))).changes();

    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo(ChangeType.UPSERT);
      assertThat(c.previous()).isNotNull();
    });
  }

  @Test
  void deleteCarriesTheObjectsLastLabels() {
    state.apply(List.of(relist(PODS, object(PODS, "a/p1", Map.of("tier", "web"), "x"))));

    List<Change> changes = state.apply(List.of(delete(PODS, "a/p1"))).changes();

    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo(ChangeType.DELETE);
      assertThat(c.object()).isNull();
      assertThat(c.previous().labels()).containsEntry("tier", "web");
    });
  }

  @Test
  void deletingAnAbsentObjectChangesNothing() {
    state.apply(List.of(relist(PODS)));

    assertThat(state.apply(List.of(delete(PODS, "a/ghost"))).changes()).isEmpty();
  }

  @Test
  void relistDeletesObjectsThatVanishedDuringTheGap() {
    state.apply(List.of(relist(PODS, object(PODS, "a/p1", "x"), object(PODS, "a/p2", "x"))));

    List<Change> changes = state.apply(List.of(relist(PODS, object(PODS, "a/p2", "x")))).changes();

    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo(ChangeType.DELETE);
      assertThat(c.key()).isEqualTo(ObjectKey.of("a/p1"));
    });
  }

  @Test
  void relistWithNothingChangedProducesNoChanges() {
    state.apply(List.of(relist(PODS, object(PODS, "a/p1", "x"), object(PODS, "a/p2", "y"))));

    HotState.BatchResult result =
        state.apply(List.of(relist(PODS, object(PODS, "a/p2", "y"), object(PODS, "a/p1", "x"))));

    assertThat(result.changes()).isEmpty();
    assertThat(result.resourcesChanged()).isFalse();
  }

  @Test
  void resourceRemovedDeletesAllItsObjectsAndStopsTrackingIt() {
    state.apply(List.of(relist(PODS, object(PODS, "a/p1", "x"), object(PODS, "b/p2", "x"))));

    HotState.BatchResult result = state.apply(List.of(new ClusterEvent.ResourceRemoved(PODS)));

    assertThat(result.changes()).extracting(Change::type).containsOnly(ChangeType.DELETE).hasSize(2);
    assertThat(result.resourcesChanged()).isTrue();
    assertThat(state.tracks(PODS)).isFalse();
    assertThat(state.size()).isZero();
  }

  @Test
  void eventsAboutUntrackedTypesAreIgnoredAndCounted() {
    HotState.BatchResult result = state.apply(List.of(upsert(SERVICES, "a/s", "x"), delete(PODS, "a/p")));

    assertThat(result.changes()).isEmpty();
    assertThat(result.ignored()).isEqualTo(2);
    assertThat(state.tracks(SERVICES)).isFalse();
  }

  @Test
  void changesFollowTheOrderObjectsWereFirstTouched() {
    state.apply(List.of(relist(PODS), relist(SERVICES)));

    List<Change> changes = state.apply(List.of(
        upsert(PODS, "a/2", "x"), upsert(SERVICES, "a/1", "x"), upsert(PODS, "a/1", "x"),
        upsert(PODS, "a/2", "y"))).changes();

    assertThat(changes).extracting(c -> c.resource().value() + ":" + c.key().value())
        .containsExactly("pods:a/2", "services:a/1", "pods:a/1");
  }

  @Test
  void sizeCountsObjectsAcrossTypes() {
    state.apply(List.of(
        relist(PODS, object(PODS, "a/1", "x"), object(PODS, "a/2", "x")),
        relist(SERVICES, object(SERVICES, "a/1", "x"))));
    state.apply(List.of(delete(PODS, "a/1"), upsert(SERVICES, "a/2", "x")));

    assertThat(state.size()).isEqualTo(3);
    assertThat(state.resources()).containsExactly(PODS, SERVICES);
  }
}
