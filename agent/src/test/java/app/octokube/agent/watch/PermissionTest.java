package app.octokube.agent.watch;

import static app.octokube.agent.watch.MockApiserver.listPath;
import static app.octokube.agent.watch.MockApiserver.status;
import static app.octokube.agent.watch.WatchHarness.PODS;
import static app.octokube.agent.watch.WatchHarness.PODS_TARGET;
import static app.octokube.agent.watch.WatchHarness.config;
import static app.octokube.agent.watch.WatchHarness.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.protocol.ResourceName;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A type the Agent may not list, or the cluster does not serve, is reported while the others go on. */
class PermissionTest {
  static final ResourceName POD_METRICS = ResourceName.of("pods.metrics.k8s.io");
  static final WatchTarget POD_METRICS_TARGET = WatchTarget.of(POD_METRICS, "v1beta1", "PodMetrics", true);
  static final String POD_METRICS_PATH = "/apis/metrics.k8s.io/v1beta1/pods";
  static final ResourceName GADGETS = ResourceName.of("gadgets.example.com");
  static final WatchTarget GADGETS_TARGET = WatchTarget.of(GADGETS, "v1", "Gadget", false);

  private final MockApiserver api = new MockApiserver();
  private final WatchHarness harness;
  private final Logger watcherLog = (Logger) LoggerFactory.getLogger(ResourceWatcher.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  PermissionTest() throws Exception {
    harness = new WatchHarness(api);
    logs.start();
    watcherLog.addAppender(logs);
  }

  @AfterEach
  void close() throws Exception {
    watcherLog.detachAppender(logs);
    harness.close();
    api.close();
  }

  private long warningsAbout(String text) {
    return logs.list.stream()
        .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(text))
        .count();
  }

  @Test
  void aForbiddenTypeIsReportedOnceNamingThePermissionWhileOthersKeepStreaming() throws Exception {
    api.server.expect().get().withPath(listPath(POD_METRICS_PATH, 500))
        .andReturn(403, status(403, "Forbidden", "pods.metrics.k8s.io is forbidden")).always();

    harness.start(config(PODS_TARGET, POD_METRICS_TARGET));
    harness.awaitWatching(PODS);
    await().atMost(Duration.ofSeconds(20))
        .until(() -> harness.status(POD_METRICS).state() == WatchState.FORBIDDEN);
    api.createPod("shop", "api-1", Map.of());
    harness.awaitDeltas(1);
    // Slow retries keep asking (every ~200 ms here), and keep being refused.
    await().atMost(Duration.ofSeconds(20))
        .until(() -> api.count("GET " + listPath(POD_METRICS_PATH, 500)) >= 3);

    WatchStatus status = harness.status(POD_METRICS);
    assertThat(status.state()).as("stays reported while retried").isEqualTo(WatchState.FORBIDDEN);
    assertThat(status.lastError()).isEqualTo("cannot list pods.metrics.k8s.io: the agent's service"
        + " account lacks \"list\" on resource \"pods\" in API group \"metrics.k8s.io\"; grant it in"
        + " the ClusterRole (deploy/agent-clusterrole.yaml)");
    assertThat(warningsAbout("cannot list pods.metrics.k8s.io")).isEqualTo(1);
    assertThat(describe(harness.deltas.get(0))).containsExactly("upsert pods shop/api-1");
    assertThat(harness.trackedResources()).containsExactly(PODS);
  }

  @Test
  void aForbiddenTypeIsPickedUpOnceThePermissionIsGranted() throws Exception {
    api.server.expect().get().withPath(listPath(POD_METRICS_PATH, 500))
        .andReturn(403, status(403, "Forbidden", "pods.metrics.k8s.io is forbidden")).times(2);

    harness.start(config(PODS_TARGET, POD_METRICS_TARGET));
    harness.awaitWatching(PODS, POD_METRICS);

    assertThat(harness.trackedResources()).containsExactlyInAnyOrder(PODS, POD_METRICS);
    assertThat(harness.status(POD_METRICS).lastError()).contains("lacks \"list\"");
    assertThat(logs.list).anyMatch(e -> e.getLevel() == Level.INFO
        && e.getFormattedMessage().equals("pods.metrics.k8s.io is listed and watched again"));
  }

  @Test
  void aTypeTheClusterDoesNotServeIsReportedAsNotServed() throws Exception {
    api.server.expect().get().withPath(listPath("/apis/example.com/v1/gadgets", 500))
        .andReturn(404, status(404, "NotFound", "the server could not find the requested resource")).always();

    harness.start(config(PODS_TARGET, GADGETS_TARGET));
    harness.awaitWatching(PODS);
    await().atMost(Duration.ofSeconds(20))
        .until(() -> harness.status(GADGETS).state() == WatchState.NOT_SERVED);

    assertThat(harness.status(GADGETS).lastError())
        .isEqualTo("cannot list gadgets.example.com: the apiserver does not serve example.com/v1 gadgets (404 Not Found)");
    assertThat(harness.watch.statuses()).extracting(WatchStatus::resource).containsExactly(GADGETS, PODS);
  }

  @Test
  void aTypeThatMayBeListedButNotWatchedNamesTheWatchPermission() throws Exception {
    api.server.expect().get().withPath(MockApiserver.watchPath(WatchHarness.PODS_PATH, "100"))
        .andReturn(403, status(403, "Forbidden", "pods is forbidden")).always();
    api.server.expect().get().withPath(listPath(WatchHarness.PODS_PATH, 500))
        .andReturn(200, new io.fabric8.kubernetes.api.model.PodListBuilder()
            .withNewMetadata().withResourceVersion("100").endMetadata().build()).always();

    harness.start(config(PODS_TARGET));
    await().atMost(Duration.ofSeconds(20))
        .until(() -> harness.status(PODS).state() == WatchState.FORBIDDEN);

    assertThat(harness.status(PODS).lastError()).contains("cannot watch pods")
        .contains("lacks \"watch\" on resource \"pods\" in the core API group (\"\")");
    assertThat(List.of(harness.status(PODS).resourceVersion())).containsExactly("100");
  }
}
