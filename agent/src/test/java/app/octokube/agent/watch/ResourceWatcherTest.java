package app.octokube.agent.watch;

import static app.octokube.agent.watch.MockApiserver.listPath;
import static app.octokube.agent.watch.MockApiserver.pod;
import static app.octokube.agent.watch.MockApiserver.status;
import static app.octokube.agent.watch.MockApiserver.watchPath;
import static app.octokube.agent.watch.WatchHarness.PODS;
import static app.octokube.agent.watch.WatchHarness.PODS_PATH;
import static app.octokube.agent.watch.WatchHarness.PODS_TARGET;
import static app.octokube.agent.watch.WatchHarness.config;
import static app.octokube.agent.watch.WatchHarness.describe;
import static app.octokube.agent.watch.WatchHarness.versions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.protocol.link.AgentDelta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One reflector under every failure mode of the watch API, scripted at the mock apiserver where
 * CRUD mode cannot produce it: 410 as an event and as an answer, closes, bookmarks, errors,
 * failed lists, pages.
 */
class ResourceWatcherTest {
  private final MockApiserver api = new MockApiserver();
  private final WatchHarness harness;

  ResourceWatcherTest() throws Exception {
    harness = new WatchHarness(api);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
    api.close();
  }

  private static PodList podList(String resourceVersion, String continueToken, List<Pod> pods) {
    return new PodListBuilder()
        .withNewMetadata().withResourceVersion(resourceVersion).withContinue(continueToken).endMetadata()
        .withItems(pods)
        .build();
  }

  /** The pods the CRUD store holds now, as an apiserver list at {@code resourceVersion} would. */
  private List<Pod> storedPods() {
    return new ArrayList<>(api.client.pods().inAnyNamespace().list().getItems());
  }

  private void expectList(List<Pod> pods) {
    api.server.expect().get().withPath(listPath(PODS_PATH, 500))
        .andReturn(200, podList("100", null, pods)).once();
  }

  private void expectWatchEndingWith(String resourceVersion, WatchEvent event) {
    api.server.expect().get().withPath(watchPath(PODS_PATH, resourceVersion))
        .andUpgradeToWebSocket().open().waitFor(50).andEmit(event).done().once();
  }

  private static WatchEvent gone() {
    return new WatchEvent(status(410, "Expired", "too old resource version: 100 (200)"), "ERROR");
  }

  @Test
  void aRelistAfterGoneDeletesTheObjectsThatVanishedDuringTheGapInOneVersion() throws Exception {
    api.createPod("shop", "api-1", Map.of());
    api.createPod("shop", "api-2", Map.of());
    List<Pod> before = storedPods();
    before.add(pod("shop", "gone-1", "7", Map.of()));
    before.add(pod("shop", "gone-2", "8", Map.of()));
    expectList(before);
    expectWatchEndingWith("100", gone());

    harness.start(config(PODS_TARGET));
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.status(PODS).relists() == 1);
    harness.awaitWatching(PODS);
    api.createPod("shop", "api-3", Map.of());
    List<AgentDelta> deltas = harness.awaitDeltas(2);

    assertThat(versions(deltas)).containsExactly(1L, 2L);
    assertThat(describe(deltas.get(0)))
        .containsExactlyInAnyOrder("delete pods shop/gone-1", "delete pods shop/gone-2");
    assertThat(describe(deltas.get(1))).containsExactly("upsert pods shop/api-3");
    assertThat(harness.snapshotKeys(PODS)).containsExactly("shop/api-1", "shop/api-2", "shop/api-3");
  }

  @Test
  void aRelistWithNothingChangedSpendsNoVersion() throws Exception {
    api.createPod("shop", "api-1", Map.of());
    expectList(storedPods());
    expectWatchEndingWith("100", gone());

    harness.start(config(PODS_TARGET));
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.status(PODS).relists() == 1);
    harness.awaitWatching(PODS);
    api.createPod("shop", "api-2", Map.of());
    List<AgentDelta> deltas = harness.awaitDeltas(1);

    assertThat(versions(deltas)).containsExactly(1L);
    assertThat(describe(deltas.get(0))).containsExactly("upsert pods shop/api-2");
  }

  /**
   * fabric8 8.0.0 reports a watch that closes cleanly within 2 s without a message as 410 (some
   * apiservers' proxies close instead of sending the ERROR event): the close reason is Gone.
   */
  @Test
  void aWatchClosedAtOnceWithGoneAsItsReasonRelists() throws Exception {
    api.createPod("shop", "api-1", Map.of());
    List<Pod> before = storedPods();
    before.add(pod("shop", "gone-1", "7", Map.of()));
    expectList(before);
    api.server.expect().get().withPath(watchPath(PODS_PATH, "100"))
        .andUpgradeToWebSocket().open().done().once();

    harness.start(config(PODS_TARGET));
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.status(PODS).relists() == 1);
    List<AgentDelta> deltas = harness.awaitDeltas(1);

    assertThat(describe(deltas.get(0))).containsExactly("delete pods shop/gone-1");
    assertThat(api.count("GET " + listPath(PODS_PATH, 500))).isEqualTo(2);
  }

  @Test
  void aSilentCloseRewatchesFromTheResourceVersionOfTheLastEvent() throws Exception {
    expectList(List.of());
    expectWatchEndingWith("100", new WatchEvent(pod("shop", "api-1", "120", Map.of()), "ADDED"));

    harness.start(config(PODS_TARGET));
    await().atMost(Duration.ofSeconds(20))
        .until(() -> api.watchResourceVersions(PODS_PATH).size() == 2);
    harness.awaitWatching(PODS);

    assertThat(api.watchResourceVersions(PODS_PATH)).containsExactly("100", "120");
    assertThat(api.count("GET " + listPath(PODS_PATH, 500))).isEqualTo(1);
    assertThat(harness.status(PODS).relists()).isZero();
  }

  @Test
  void aBookmarkAdvancesTheResourceVersionTheNextWatchStartsFrom() throws Exception {
    expectList(List.of());
    expectWatchEndingWith("100", new WatchEvent(MockApiserver.bookmark("150"), "BOOKMARK"));

    harness.start(config(PODS_TARGET));
    await().atMost(Duration.ofSeconds(20))
        .until(() -> api.watchResourceVersions(PODS_PATH).size() == 2);

    assertThat(api.watchResourceVersions(PODS_PATH)).containsExactly("100", "150");
    assertThat(api.count("GET " + listPath(PODS_PATH, 500))).isEqualTo(1);
    assertThat(harness.deltas).isEmpty();
  }

  @Test
  void aWatchErrorRewatchesFromTheLastResourceVersionAndRelistsWhenTheRewatchSaysGone() throws Exception {
    api.createPod("shop", "api-1", Map.of());
    List<Pod> before = storedPods();
    before.add(pod("shop", "gone-1", "7", Map.of()));
    expectList(before);
    expectWatchEndingWith("100", new WatchEvent(status(500, "InternalError", "etcd hiccup"), "ERROR"));
    api.server.expect().get().withPath(watchPath(PODS_PATH, "100"))
        .andReturn(410, status(410, "Expired", "too old resource version")).once();

    harness.start(config(PODS_TARGET));
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.status(PODS).relists() == 1);
    harness.awaitWatching(PODS);
    List<AgentDelta> deltas = harness.awaitDeltas(1);

    assertThat(api.watchResourceVersions(PODS_PATH)).startsWith("100", "100");
    assertThat(api.count("GET " + listPath(PODS_PATH, 500))).isEqualTo(2);
    assertThat(describe(deltas.get(0))).containsExactly("delete pods shop/gone-1");
    assertThat(harness.status(PODS).lastError()).contains("cannot watch pods");
  }

  @Test
  void aListThatFailsIsRetriedAfterABackoff() throws Exception {
    api.createPod("shop", "api-1", Map.of());
    api.server.expect().get().withPath(listPath(PODS_PATH, 500))
        .andReturn(500, status(500, "InternalError", "etcd leader changed")).times(2);

    harness.start(config(PODS_TARGET));
    harness.awaitWatching(PODS);

    assertThat(api.count("GET " + listPath(PODS_PATH, 500))).isEqualTo(3);
    assertThat(harness.status(PODS).lastError())
        .isEqualTo("cannot list pods: HTTP 500: etcd leader changed");
    assertThat(harness.snapshotKeys(PODS)).containsExactly("shop/api-1");
  }

  @Test
  void aListFollowsContinueTokensAcrossPagesAndLandsInOneRelist() throws Exception {
    api.server.expect().get().withPath(listPath(PODS_PATH, 2))
        .andReturn(200, podList("100", "page-2", List.of(
            pod("a", "p1", "1", Map.of()), pod("a", "p2", "2", Map.of())))).once();
    api.server.expect().get().withPath(PODS_PATH + "?continue=page-2&limit=2")
        .andReturn(200, podList("100", null, List.of(pod("b", "p3", "3", Map.of())))).once();

    harness.start(config(PODS_TARGET).withPageSize(2));
    harness.awaitWatching(PODS);

    assertThat(harness.snapshotKeys(PODS)).containsExactly("a/p1", "a/p2", "b/p3");
    assertThat(api.watchResourceVersions(PODS_PATH)).first().isEqualTo("100");
    assertThat(harness.deltas).isEmpty();
  }
}
