package app.octokube.agent.watch;

import app.octokube.agent.engine.ClusterEvent;
import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches a whole cluster: one {@link ResourceWatcher} per configured resource type, plus one per
 * served custom resource while CRD discovery is on (see {@link WatchConfig#targets()}). Whatever
 * the number of Backends and users, the apiserver sees one list-and-watch per type.
 *
 * <p>Typical wiring in the Agent:
 *
 * <pre>{@code
 * Projectors projectors = Projectors.withBuiltins();
 * ClusterWatch watch = ClusterWatch.start(client, queue::submit, projectors::project, config);
 * ...
 * watch.close();   // before closing the queue and the client
 * }</pre>
 *
 * <p><b>Threading.</b> Lists and watch starts run on this object's scheduler
 * ({@link WatchConfig#threads()} daemon threads named {@code octokube-watch-N}); watch events on
 * fabric8's executor. Starting and stopping custom-resource reflectors is serialized on this
 * object's monitor; a type that goes away is stopped before its {@code ResourceRemoved} is
 * submitted, so that removal is the last event of that type. {@link #statuses()} may be called
 * from any thread.
 */
public final class ClusterWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterWatch.class);

  private final KubernetesClient client;
  private final ClusterEventSink sink;
  private final ObjectProjector projector;
  private final WatchConfig config;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Set<ResourceName> configured = new HashSet<>();
  private final Map<ResourceName, ResourceWatcher> watchers = new ConcurrentHashMap<>();
  private boolean closed;

  private ClusterWatch(
      KubernetesClient client, ClusterEventSink sink, ObjectProjector projector, WatchConfig config) {
    this.client = forWatching(client);
    this.sink = sink;
    this.projector = projector;
    this.config = config;
    this.scheduler = new ScheduledThreadPoolExecutor(config.threads(), daemonThreads());
    this.scheduler.setRemoveOnCancelPolicy(true);
  }

  /**
   * Starts watching. Returns at once; each type lists in the background, and its first list
   * starts tracking it in the queue.
   *
   * @param client the Agent's client, whose configuration the watches use; it is not closed by
   *     {@link #close()}
   * @param sink where events go, normally {@code executionQueue::submit}
   * @param projector reduces each object; must be thread-safe
   */
  public static ClusterWatch start(
      KubernetesClient client, ClusterEventSink sink, ObjectProjector projector, WatchConfig config) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(projector, "projector");
    Objects.requireNonNull(config, "config");
    ClusterWatch watch = new ClusterWatch(client, sink, projector, config);
    watch.startConfigured();
    return watch;
  }

  /** Every reflector's status, sorted by resource name. */
  public List<WatchStatus> statuses() {
    List<WatchStatus> all = new ArrayList<>(watchers.size());
    for (ResourceWatcher watcher : watchers.values()) {
      all.add(watcher.status());
    }
    all.sort(Comparator.comparing(s -> s.resource().value()));
    return all;
  }

  /** The status of one type, or empty if it is not watched (excluded, or its CRD is gone). */
  public Optional<WatchStatus> status(ResourceName resource) {
    ResourceWatcher watcher = watchers.get(resource);
    return watcher == null ? Optional.empty() : Optional.of(watcher.status());
  }

  private synchronized void startConfigured() {
    for (WatchTarget target : config.targets()) {
      configured.add(target.resource());
    }
    for (WatchTarget target : config.targets()) {
      if (!config.resources().accepts(target.resource().value())) {
        log.info("not watching {}: excluded by the resource filter ({})", target.resource(), config.resources());
        continue;
      }
      boolean discovery = target.resource().equals(WatchTarget.CUSTOM_RESOURCE_DEFINITIONS.resource());
      startWatcher(target, discovery ? new CrdDiscovery(discoveryCallbacks()) : ObjectListener.NONE);
    }
  }

  /** Called by CRD discovery, on the CRD reflector's thread. */
  private synchronized void startCustom(WatchTarget target) {
    if (closed) {
      return;
    }
    if (configured.contains(target.resource())) {
      log.debug("custom resource {} is watched as configured already", target.resource());
      return;
    }
    if (!config.resources().accepts(target.resource().value())) {
      log.debug("not watching custom resource {}: excluded by the resource filter", target.resource());
      return;
    }
    ResourceWatcher existing = watchers.get(target.resource());
    if (existing != null && existing.target().equals(target)) {
      return;
    }
    if (existing != null) {
      existing.stop();
      log.info("custom resource {} is now served as {}; watching that version", target.resource(), target);
    } else {
      log.info("watching custom resource {}", target);
    }
    startWatcher(target, ObjectListener.NONE);
  }

  /** Called by CRD discovery, on the CRD reflector's thread. */
  private synchronized void removeCustom(ResourceName resource) {
    if (closed || configured.contains(resource)) {
      return;
    }
    ResourceWatcher watcher = watchers.remove(resource);
    if (watcher == null) {
      return;
    }
    watcher.stop();
    log.info("custom resource {} is no longer served; removing its objects", resource);
    try {
      sink.submit(new ClusterEvent.ResourceRemoved(resource));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.debug("interrupted while removing {}: the Agent is closing", resource);
    } catch (IllegalStateException e) {
      // The queue is closed: the Agent is shutting down and its state goes with it.
      log.debug("not removing {}: the queue is closed", resource);
    }
  }

  private CrdDiscovery.Reflectors discoveryCallbacks() {
    return new CrdDiscovery.Reflectors() {
      @Override
      public void served(WatchTarget target) {
        startCustom(target);
      }

      @Override
      public void gone(ResourceName resource) {
        removeCustom(resource);
      }
    };
  }

  private void startWatcher(WatchTarget target, ObjectListener listener) {
    ResourceWatcher watcher = new ResourceWatcher(
        target, client.genericKubernetesResources(target.context()).inAnyNamespace(),
        projector, sink, listener, config, scheduler);
    watchers.put(target.resource(), watcher);
    watcher.start();
  }

  /**
   * Stops every watch and the scheduler, then closes the watch client (not the client given to
   * {@link #start}). Waits up to 5 s for steps in progress; a list that is still running then
   * finishes without effect.
   */
  @Override
  public void close() {
    List<ResourceWatcher> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(watchers.values());
    }
    for (ResourceWatcher watcher : all) {
      watcher.stop();
    }
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("watch threads still busy 5 s after close; leaving them to finish");
      }
    } catch (InterruptedException e) {
      // The caller wants to stop waiting; the daemon threads finish their steps on their own.
      Thread.currentThread().interrupt();
    }
    client.close();
  }

  /**
   * fabric8's serialization with its default mapper, minus the registry of typed model classes.
   * With the registry, a watch event's object is first decoded as its typed class (a {@code Pod})
   * and then, because we watch {@code GenericKubernetesResource}s, converted by serializing the
   * typed object and reading it back: about four times the cost of decoding it generically, which
   * made the watch thread the Agent's bottleneck at some 2,000 pod events a second
   * (docs/benchmarks.md, end-to-end latency). Without it the object is decoded straight into a
   * {@code GenericKubernetesResource}, exactly as a list page is. {@code Status} stays typed: fabric8
   * recognises a watch's ERROR event (410 Gone, 500) by its object being a {@code Status}.
   */
  private static final KubernetesSerialization GENERIC_ONLY = genericOnly();

  /** The serialization the watch client decodes with (for tests). */
  static KubernetesSerialization watchSerialization() {
    return GENERIC_ONLY;
  }

  private static KubernetesSerialization genericOnly() {
    KubernetesSerialization serialization = new KubernetesSerialization(
        JsonMapper.builderWithJackson2Defaults().addModule(new Jackson2JdkTypesModule()).build(), false);
    serialization.registerKubernetesResource(Status.class);
    return serialization;
  }

  /**
   * The Agent's own client for watching, on the given client's configuration, which never
   * re-watches or retries on its own: with a watch reconnect limit of 0, fabric8 hands every end
   * of a watch to the reflector, which chooses when and from which resourceVersion to watch again,
   * with full jitter; without request retries, a failed list reaches the reflector's backoff
   * instead of being retried behind it. It decodes objects generically ({@link #GENERIC_ONLY}).
   * {@link #close()} closes it.
   */
  private static KubernetesClient forWatching(KubernetesClient client) {
    Config config = new ConfigBuilder(client.getConfiguration())
        .withWatchReconnectLimit(0)
        .withRequestRetryBackoffLimit(0)
        .build();
    return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(GENERIC_ONLY).build();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "octokube-watch-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
