package app.octokube.sim;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a simulated cluster live: containers crash and restart, pods are replaced as in a rollout,
 * deployments scale, events are recorded — {@code churnPerSecond} changes a second, through the
 * apiserver's API like any controller.
 *
 * <p>One scheduler thread runs every change in turn, ten ticks a second, so the rate holds on
 * average and the changes of one tick land together, as bursts do in a real cluster.
 */
final class Churn implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Churn.class);
  private static final int TICKS_PER_SECOND = 10;

  private final KubernetesClient client;
  private final RealisticPods pods;
  private final SimConfig config;
  private final Random random;
  /** The incarnation of each pod index: a replaced pod gets a new name. */
  private final int[] generations;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "octokube-sim-churn");
        t.setDaemon(true);
        return t;
      });
  private final AtomicLong changes = new AtomicLong();
  private double owed;
  private long events;

  Churn(KubernetesClient client, RealisticPods pods, SimConfig config) {
    this.client = client;
    this.pods = pods;
    this.config = config;
    this.random = new Random(config.seed());
    this.generations = new int[config.pods()];
  }

  void start() {
    if (config.churnPerSecond() > 0) {
      scheduler.scheduleAtFixedRate(this::tick, 0, 1_000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
    }
  }

  /** Changes made so far. */
  long changes() {
    return changes.get();
  }

  private void tick() {
    owed += config.churnPerSecond() / TICKS_PER_SECOND;
    while (owed >= 1) {
      owed--;
      try {
        changeSomething();
        changes.incrementAndGet();
      } catch (KubernetesClientException e) {
        // A change raced another (the object was just replaced); the next tick tries another.
        log.debug("churn change skipped: {}", e.getMessage());
      } catch (RuntimeException e) {
        log.warn("churn change failed; going on", e);
      }
    }
  }

  private void changeSomething() {
    int roll = random.nextInt(100);
    int index = random.nextInt(config.pods());
    if (roll < 55) {
      restartContainer(index);
    } else if (roll < 70) {
      replacePod(index);
    } else if (roll < 80) {
      scaleDeployment(RealisticPods.deploymentOf(index));
    } else {
      recordEvent(index);
    }
  }

  private void restartContainer(int index) {
    String ns = pods.namespaceOf(index);
    String name = RealisticPods.podName(index, generations[index]);
    client.pods().inNamespace(ns).withName(name).editStatus(pod -> {
      for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
        s.setRestartCount((s.getRestartCount() == null ? 0 : s.getRestartCount()) + 1);
      }
      pod.getStatus().setPhase(random.nextInt(4) == 0 ? "Pending" : "Running");
      return pod;
    });
  }

  /** A rollout step: the pod goes and a replacement with a new name takes its place. */
  private void replacePod(int index) {
    String ns = pods.namespaceOf(index);
    client.pods().inNamespace(ns).withName(RealisticPods.podName(index, generations[index])).delete();
    generations[index]++;
    Pod replacement = client.getKubernetesSerialization()
        .unmarshal(pods.pod(index, generations[index], 1).toString(), Pod.class);
    client.resource(replacement).create();
  }

  private void scaleDeployment(int deployment) {
    String ns = pods.namespaceOf(deployment * RealisticPods.REPLICAS);
    client.apps().deployments().inNamespace(ns).withName(RealisticPods.appName(deployment)).edit(d -> {
      Deployment copy = d;
      int replicas = copy.getSpec().getReplicas() == null ? RealisticPods.REPLICAS : copy.getSpec().getReplicas();
      copy.getSpec().setReplicas(replicas == RealisticPods.REPLICAS ? replicas + 1 : RealisticPods.REPLICAS);
      return copy;
    });
  }

  private void recordEvent(int index) {
    String ns = pods.namespaceOf(index);
    String pod = RealisticPods.podName(index, generations[index]);
    client.v1().events().inNamespace(ns).resource(new EventBuilder()
        .withNewMetadata().withName(pod + "." + (events++)).withNamespace(ns).endMetadata()
        .withType(random.nextInt(5) == 0 ? "Warning" : "Normal")
        .withReason(random.nextInt(5) == 0 ? "BackOff" : "Pulled")
        .withMessage("simulated event for " + pod)
        .withNewInvolvedObject().withKind("Pod").withNamespace(ns).withName(pod).endInvolvedObject()
        .withCount(1).withLastTimestamp(Instant.now().toString())
        .build()).create();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
