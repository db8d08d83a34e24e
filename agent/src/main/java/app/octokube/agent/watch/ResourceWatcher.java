package app.octokube.agent.watch;

import app.octokube.agent.engine.ClusterEvent;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.AnyNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reflector of one resource type: lists it, submits the list as one {@code Relisted}, then
 * watches from the list's resourceVersion with bookmarks, turning ADDED and MODIFIED into
 * {@code Upserted} and DELETED into {@code Deleted}. It keeps only the last resourceVersion; the
 * hot state is the only copy of the objects.
 *
 * <p>Every end of a watch is handled here, never by fabric8's own reconnect: an expired
 * resourceVersion (410, as an ERROR event, a close reason or the answer to a re-watch) relists;
 * a routine close re-watches at once from the last resourceVersion; a watch that ends in under
 * {@link RetryPolicy#shortestNormalWatch()} without an event, an error, or a failed list retries
 * after a jittered {@link Backoff}; a 403 or 404 is reported once and retried slowly.
 *
 * <p><b>Threading.</b> The reflector advances in <em>steps</em> (list, start a watch, react to
 * the end of a watch) that run one at a time on the shared scheduler ({@link SerialSteps}); each
 * step schedules at most one next step, and only steps touch the backoff. Watch events
 * run on fabric8's per-watch serial executor. Whatever reaches the queue is submitted under
 * {@code emitLock} after checking that its session is still the current one and that the
 * reflector is not stopped; so once {@link #stop()} returns, nothing more of this type enters the
 * queue, and events of an ended watch never follow the relist that replaced them.
 */
final class ResourceWatcher {
  private static final Logger log = LoggerFactory.getLogger(ResourceWatcher.class);

  private final WatchTarget target;
  private final AnyNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> api;
  private final ClusterEventSink sink;
  private final ObjectEvents events;
  private final ObjectListener listener;
  private final PagedLister lister;
  private final RetryPolicy policy;
  private final SerialSteps steps;

  private final Object emitLock = new Object();
  // Written under emitLock; volatile so that callbacks can drop stale work without the lock.
  private volatile boolean stopped;
  private volatile WatchSession current;

  // Read by status() from any thread.
  private volatile String resourceVersion;
  private volatile WatchState state = WatchState.LISTING;
  private volatile Instant since = Instant.now();
  private volatile String lastError;
  private volatile long relists;

  // Steps only.
  private final Backoff backoff;
  private long lists;
  private String lastReported;

  ResourceWatcher(
      WatchTarget target,
      AnyNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>> api,
      ObjectProjector projector,
      ClusterEventSink sink,
      ObjectListener listener,
      WatchConfig config,
      ScheduledExecutorService scheduler) {
    this.target = target;
    this.api = api;
    this.sink = sink;
    this.listener = listener;
    this.events = new ObjectEvents(target, projector, new ObjectScope(target.resource(), config.namespaces()));
    this.lister = new PagedLister(api, events, config.pageSize());
    this.policy = config.retry();
    this.backoff = new Backoff(policy, () -> ThreadLocalRandom.current().nextDouble(), System::nanoTime);
    this.steps = new SerialSteps(scheduler, target.resource().value(), this::unexpected);
  }

  WatchTarget target() {
    return target;
  }

  /** Starts the first list on the scheduler. */
  void start() {
    steps.schedule(this::list, Duration.ZERO);
  }

  WatchStatus status() {
    return new WatchStatus(target.resource(), state, lastError, resourceVersion, relists, since);
  }

  /**
   * Stops for good. When this returns, no event of this type will be submitted any more, so the
   * caller may submit a {@code ResourceRemoved} after it. Does not wait for a list in progress;
   * its result is dropped.
   */
  void stop() {
    WatchSession session;
    synchronized (emitLock) {
      if (stopped) {
        return;
      }
      stopped = true;
      session = current;
      current = null;
      state = WatchState.STOPPED;
      since = Instant.now();
    }
    steps.stop();
    if (session != null) {
      session.close();
    }
  }

  // ---- Steps: run on the scheduler, one at a time (see the class Javadoc).

  private void list() {
    if (state != WatchState.FORBIDDEN && state != WatchState.NOT_SERVED) {
      // A refused type stays reported as such while it is retried, until a retry succeeds.
      setState(WatchState.LISTING);
    }
    PagedLister.Listing listing;
    try {
      listing = lister.list(listener);
    } catch (KubernetesClientException e) {
      failed(ApiFailure.of(e, "list", target), this::list);
      return;
    }
    synchronized (emitLock) {
      if (stopped || !submit(new ClusterEvent.Relisted(target.resource(), listing.objects()))) {
        return;
      }
      resourceVersion = listing.resourceVersion();
      listener.listCompleted();
    }
    if (lists++ > 0) {
      relists++;
    }
    log.debug("listed {}: {} objects at resourceVersion {}",
        target.resource(), listing.objects().size(), listing.resourceVersion());
    startWatch();
  }

  private void startWatch() {
    WatchSession session = new WatchSession(this, System.nanoTime());
    synchronized (emitLock) {
      if (stopped) {
        return;
      }
      current = session;
    }
    Watch watch;
    try {
      watch = api.watch(
          new ListOptionsBuilder()
              .withResourceVersion(resourceVersion)
              .withAllowWatchBookmarks(true)
              .build(),
          session);
    } catch (KubernetesClientException e) {
      synchronized (emitLock) {
        if (current == session) {
          current = null;
        }
      }
      ApiFailure failure = ApiFailure.of(e, "watch", target);
      failed(failure, failure.kind() == ApiFailure.Kind.TRANSIENT ? this::startWatch : this::list);
      return;
    }
    session.attach(watch);
    boolean keep;
    synchronized (emitLock) {
      keep = !stopped && current == session;
    }
    if (!keep) {
      session.close();
      return;
    }
    setState(WatchState.WATCHING);
    backoff.watching();
    if (lastReported != null) {
      log.info("{} is listed and watched again", target.resource());
      lastReported = null;
    }
  }

  private void afterWatch(WatchSession session, WatcherException cause) {
    synchronized (emitLock) {
      if (current != session) {
        return;
      }
      current = null;
    }
    long lived = System.nanoTime() - session.startedNanos();
    if (cause != null && cause.isHttpGone()) {
      relistAfterExpiry("watch of " + target.resource() + " expired (410 Gone)");
    } else if (session.lost()) {
      relistAfterExpiry("an event of " + target.resource() + " could not be enqueued");
    } else if (session.events() > 0 || lived >= policy.shortestNormalWatch().toNanos()) {
      // The apiserver ends every watch after a while; resuming from the last resourceVersion
      // at once loses nothing and costs nothing.
      log.debug("watch of {} closed after {} ms; re-watching from resourceVersion {}",
          target.resource(), TimeUnit.NANOSECONDS.toMillis(lived), resourceVersion);
      startWatch();
    } else {
      String message = "cannot watch " + target.resource() + ": the watch ended after "
          + TimeUnit.NANOSECONDS.toMillis(lived) + " ms without an event";
      failed(new ApiFailure(ApiFailure.Kind.TRANSIENT, message), this::startWatch);
    }
  }

  private void relistAfterExpiry(String why) {
    Duration delay = backoff.next();
    log.info("{}; relisting in {} ms", why, delay.toMillis());
    setState(WatchState.BACKING_OFF);
    steps.schedule(this::list, delay);
  }

  private void failed(ApiFailure failure, Runnable retry) {
    lastError = failure.message();
    switch (failure.kind()) {
      case FORBIDDEN, NOT_SERVED -> {
        report(failure.message(), "");
        setState(failure.kind() == ApiFailure.Kind.FORBIDDEN ? WatchState.FORBIDDEN : WatchState.NOT_SERVED);
        // Events may have been missed while this type was refused: always list again.
        steps.schedule(this::list, backoff.slow());
      }
      case GONE -> relistAfterExpiry(failure.message());
      case TRANSIENT -> {
        Duration delay = backoff.next();
        report(failure.message(), "; retrying in " + delay.toMillis() + " ms");
        setState(WatchState.BACKING_OFF);
        steps.schedule(retry, delay);
      }
    }
  }

  /** Logs a problem when it differs from the last one reported, not at every retry. */
  private void report(String problem, String retry) {
    if (!problem.equals(lastReported)) {
      log.warn("{}{}", problem, retry);
      lastReported = problem;
    } else {
      log.debug("{}{}", problem, retry);
    }
  }

  // ---- Watch callbacks: run on fabric8's serial executor of the session.

  void onEvent(WatchSession session, Watcher.Action action, GenericKubernetesResource object) {
    if (session != current || session.lost()) {
      return;
    }
    String version = object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
    ClusterEvent event = null;
    boolean deleted = action == Watcher.Action.DELETED;
    boolean upserted = action == Watcher.Action.ADDED || action == Watcher.Action.MODIFIED;
    if (upserted) {
      event = events.upserted(object);
    } else if (deleted) {
      event = events.deleted(object);
    }
    synchronized (emitLock) {
      if (stopped || session != current) {
        return;
      }
      if (event != null && !submit(event)) {
        session.markLost();
        session.close();
        onWatchEnded(session, null);
        return;
      }
      if (version != null) {
        resourceVersion = version;
      }
      session.countEvent();
      if (upserted) {
        listener.upserted(object);
      } else if (deleted) {
        listener.deleted(object);
      }
    }
  }

  void onWatchEnded(WatchSession session, WatcherException cause) {
    if (session.end()) {
      steps.schedule(() -> afterWatch(session, cause), Duration.ZERO);
    }
  }

  // ---- Plumbing.

  /**
   * Enqueues under {@code emitLock}. False if the event could not be enqueued: interrupted (the
   * Agent is closing) or the queue is closed, in which case this reflector stops.
   */
  private boolean submit(ClusterEvent event) {
    assert Thread.holdsLock(emitLock) : "events are submitted under the emit lock";
    try {
      sink.submit(event);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.debug("interrupted while enqueueing an event of {}", target.resource());
      return false;
    } catch (IllegalStateException e) {
      log.warn("the queue no longer accepts events; stopping the watch of {}", target.resource());
      stop();
      return false;
    }
  }

  /** A step failed in a way no step expects: say so loudly, and start over with a list. */
  private void unexpected(RuntimeException e) {
    lastError = "unexpected failure watching " + target.resource() + ": " + e;
    log.error("unexpected failure watching {}; relisting after a backoff", target.resource(), e);
    setState(WatchState.BACKING_OFF);
    steps.schedule(this::list, backoff.next());
  }

  private void setState(WatchState next) {
    synchronized (emitLock) {
      if (!stopped && state != next) {
        state = next;
        since = Instant.now();
      }
    }
  }
}
