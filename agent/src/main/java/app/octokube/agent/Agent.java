package app.octokube.agent;

import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.agent.engine.QueueConfig;
import app.octokube.agent.link.AgentLink;
import app.octokube.agent.link.AgentToken;
import app.octokube.agent.link.LinkConfig;
import app.octokube.agent.projection.BuiltinResource;
import app.octokube.agent.projection.BuiltinResources;
import app.octokube.agent.projection.Projectors;
import app.octokube.agent.watch.ClusterWatch;
import app.octokube.agent.watch.WatchConfig;
import app.octokube.agent.watch.WatchStatus;
import app.octokube.agent.watch.WatchTarget;
import app.octokube.protocol.Codec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Agent: the watchers feed the queue, the queue feeds the link. This is the one place
 * the parts are put together, for {@code octokube agent}, {@code up} and {@code demo} alike.
 *
 * <p>Start order is queue, watchers, then the link once every watcher has finished its first list
 * (or found its type forbidden or not served), at most {@link #FIRST_LISTS} later: a Backend that
 * heard a hello listing half the types would tell its clients the other half do not exist, which
 * after an Agent restart ends every subscription to them. Close order is link, watchers, queue, so
 * the link says goodbye before the queue stops.
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  /** The longest the link waits for the first lists; a type slower than that is announced later. */
  static final Duration FIRST_LISTS = Duration.ofSeconds(30);

  private final AtomicBoolean closed = new AtomicBoolean();

  private final ExecutorService snapshotStreamer;
  private final ExecutionQueue queue;
  private final AgentLink link;
  private final ClusterWatch watch;

  private Agent(ExecutorService snapshotStreamer, ExecutionQueue queue, AgentLink link, ClusterWatch watch) {
    this.snapshotStreamer = snapshotStreamer;
    this.queue = queue;
    this.link = link;
    this.watch = watch;
  }

  /**
   * Starts an Agent: a new epoch at version 0, a link that keeps itself connected, and one
   * watch per tracked resource type.
   *
   * @param client the cluster's client; not closed by {@link #close()}
   * @param vertx the Vert.x the link runs on; not closed by {@link #close()}
   */
  public static Agent start(KubernetesClient client, Vertx vertx, QueueConfig queueConfig,
      WatchConfig watchConfig, LinkConfig linkConfig, AgentToken token) {
    Codec codec = new Codec();
    ExecutorService streamer = Executors.newCachedThreadPool(daemon("octokube-snapshot-"));
    ExecutionQueue queue = new ExecutionQueue(queueConfig, codec::encode, streamer);
    AgentLink link = new AgentLink(vertx, queue, codec, linkConfig, token);
    Projectors projectors = Projectors.withBuiltins();
    ClusterWatch watch = ClusterWatch.start(client, queue::submit, projectors::project, watchConfig);
    log.info("agent started: epoch {}, {} resource types configured, backend {}", queue.epoch(),
        watchConfig.targets().size(), linkConfig.endpoint());
    Agent agent = new Agent(streamer, queue, link, watch);
    Thread starter = new Thread(agent::startLinkAfterFirstLists, "octokube-link-start");
    starter.setDaemon(true);
    starter.start();
    return agent;
  }

  private void startLinkAfterFirstLists() {
    long deadline = System.nanoTime() + FIRST_LISTS.toNanos();
    try {
      while (!closed.get() && !firstListsDone(watch.statuses()) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    synchronized (this) {
      if (!closed.get()) {
        link.start();
      }
    }
  }

  /** Whether every watcher has listed once, or settled on its type being forbidden or not served. */
  static boolean firstListsDone(List<WatchStatus> statuses) {
    for (WatchStatus status : statuses) {
      boolean listed = status.resourceVersion() != null;
      boolean settled = switch (status.state()) {
        case WATCHING, FORBIDDEN, NOT_SERVED, STOPPED -> true;
        case LISTING, BACKING_OFF -> listed;
      };
      if (!settled) {
        return false;
      }
    }
    return true;
  }

  /** Every built-in kind the projections cover; CRDs are discovered on top of these. */
  public static WatchConfig builtinWatchConfig() {
    List<WatchTarget> targets = new ArrayList<>();
    for (BuiltinResource b : BuiltinResources.all()) {
      targets.add(WatchTarget.of(b.resource(), b.version(), b.kind(), b.namespaced()));
    }
    return WatchConfig.of(targets);
  }

  public ExecutionQueue queue() {
    return queue;
  }

  public AgentLink link() {
    return link;
  }

  public ClusterWatch watch() {
    return watch;
  }

  @Override
  public void close() throws InterruptedException {
    synchronized (this) {
      closed.set(true);
    }
    try {
      link.close().get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Shutting down anyway: the Backend sees the socket close and resumes or resyncs later.
      log.debug("the link did not close cleanly: {}", e.toString());
    }
    watch.close();
    queue.close();
    snapshotStreamer.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
