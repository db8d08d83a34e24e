package app.octokube.agent.engine;

import app.octokube.agent.projection.Projection;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Agent's single execution queue: the one place where cluster state changes and versions are
 * born.
 *
 * <p><b>Ordering rule.</b> Operations are executed in the order they are added, one at a time, on
 * one thread that owns the {@link HotState} and the {@link ReplayLog}. No read happens during a
 * write and no two writes happen at once, so a snapshot reflects exactly the events added before
 * it. Methods that only that thread may run assert it.
 *
 * <p><b>Batching.</b> Events that arrived while the thread was busy are applied together, at most
 * {@link QueueConfig#maxBatchEvents} at a time, and never across a snapshot or resume (which would
 * reorder them). An event that starts or ends tracking a type is a batch of its own. A batch whose net effect is visible spends exactly one version and emits one
 * delta; a batch that changes nothing visible spends nothing.
 *
 * <p><b>Never waiting.</b> The thread hands deltas to a {@link DeltaSink} that must not block, and
 * streams snapshots on other threads: capturing a snapshot costs one copy of references, not the
 * serialization of every object.
 *
 * <p><b>Fail-stop.</b> If applying a batch fails half-way, the hot state may no longer match any
 * version; the queue then stops rather than emit a wrong history, and the Agent restarts with a new
 * epoch.
 */
public final class ExecutionQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecutionQueue.class);

  private final QueueConfig config;
  private final DeltaEncoder encoder;
  private final Executor snapshotStreamer;
  private final Epoch epoch;
  private final BlockingQueue<Op> ops;
  private final Thread thread;
  private final HotState state = new HotState();
  private final ReplayLog replayLog;
  private final Stats stats = new Stats();
  private volatile boolean accepting = true;
  private volatile Throwable failure;

  // Owned by the queue's thread.
  private long version;
  private DeltaSink sink = DeltaSink.NONE;

  private sealed interface Op {}

  private record Apply(ClusterEvent event) implements Op {}

  /** Work for the queue's thread; {@code abandon} fails it instead if the queue stopped first. */
  private record Task(Runnable body, Consumer<IllegalStateException> abandon) implements Op {}

  private record Stop() implements Op {}

  /** Where the queue stands; see {@link #status()}. */
  public record Status(
      Epoch epoch, long version, long oldestReplayable, Set<ResourceName> resources, int objects) {}

  /** What the queue has done so far. Read from any thread; values are monotonic. */
  public static final class Stats {
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong versions = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();

    public long events() {
      return events.get();
    }

    public long batches() {
      return batches.get();
    }

    public long versions() {
      return versions.get();
    }

    public long ignoredEvents() {
      return ignored.get();
    }

    public long snapshots() {
      return snapshots.get();
    }
  }

  /**
   * Starts a queue with a new, random epoch at version 0 and an empty state.
   *
   * @param snapshotStreamer runs the streaming of snapshots once captured
   */
  public ExecutionQueue(QueueConfig config, DeltaEncoder encoder, Executor snapshotStreamer) {
    this.config = Objects.requireNonNull(config, "config");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.snapshotStreamer = Objects.requireNonNull(snapshotStreamer, "snapshotStreamer");
    this.epoch = Epoch.random();
    this.ops = new ArrayBlockingQueue<>(config.queueCapacity());
    this.replayLog = new ReplayLog(config.replayMaxDeltas(), config.replayMaxBytes());
    this.thread = new Thread(this::run, "octokube-queue");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  public Epoch epoch() {
    return epoch;
  }

  public Stats stats() {
    return stats;
  }

  /**
   * Adds an event. Waits while the queue is full, which slows the watcher that called it (and
   * through TCP, the apiserver's stream) instead of growing memory.
   *
   * @throws IllegalStateException once the queue is closed or has failed
   */
  public void submit(ClusterEvent event) throws InterruptedException {
    Objects.requireNonNull(event, "event");
    ensureAccepting();
    ops.put(new Apply(event));
  }

  /**
   * Makes {@code sink} the receiver of every delta after the returned status's version. Its
   * previous sink receives nothing more. Use this when a link connects, then send a hello built
   * from the status.
   */
  public CompletableFuture<Status> attach(DeltaSink sink) {
    Objects.requireNonNull(sink, "sink");
    return call(() -> {
      this.sink = sink;
      if (sink instanceof DeltaOutbox outbox) {
        outbox.reset(version);
      }
      return currentStatus();
    });
  }

  /** The epoch, version, replay horizon and tracked types, as of every event added before. */
  public CompletableFuture<Status> status() {
    return call(this::currentStatus);
  }

  /**
   * Resumes a consumer after {@code after}. When the replay log reaches back that far, the result
   * holds every delta after {@code after} up to the current version, and {@code outbox} is emptied
   * and set to continue right after the current version: the consumer sends the replayed deltas,
   * then what it polls, and so sees every version once, in order. The replayed deltas are the log's
   * own, already in memory, so a long replay cannot overflow the outbox.
   *
   * <p>When the log does not reach back to {@code after}, the result is
   * {@link ReplayLog.Replay.TooOld}, the outbox is left as it was, and the consumer must take
   * snapshots.
   */
  public CompletableFuture<ReplayLog.Replay> resume(long after, DeltaOutbox outbox) {
    return call(() -> {
      ReplayLog.Replay replay = replayLog.after(after);
      if (replay instanceof ReplayLog.Replay.Available) {
        outbox.reset(version);
        // The log keeps deltas, not resource-set changes, and a gapped outbox dropped them: the
        // consumer hears the current set once more, after the replayed deltas.
        outbox.onResourcesChanged(epoch, version, state.resources());
      }
      return replay;
    });
  }

  /**
   * Takes a snapshot of one type after every event added before this call, and streams it to
   * {@code sink} in chunks on the snapshot streamer. The future completes when the last chunk has
   * been delivered, with the snapshot's version; it fails with {@link UnknownResourceException} for
   * a type the Agent does not track, or with whatever the sink threw.
   */
  public CompletableFuture<Long> snapshot(ResourceName resource, SnapshotSink sink) {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(sink, "sink");
    CompletableFuture<CapturedSnapshot> captured = call(() -> capture(resource, sink));
    return captured.thenApplyAsync(this::stream, snapshotStreamer);
  }

  private record CapturedSnapshot(
      ResourceName resource, Epoch epoch, long version, List<Projection> items, SnapshotSink sink) {}

  private CapturedSnapshot capture(ResourceName resource, SnapshotSink sink) {
    assert onQueueThread() : "only the queue's thread reads the state";
    if (!state.tracks(resource)) {
      throw new UnknownResourceException(resource);
    }
    stats.snapshots.incrementAndGet();
    // Projections are immutable, so a copy of the references is a consistent snapshot that the
    // queue can stop caring about at once.
    return new CapturedSnapshot(resource, epoch, version, state.objects(resource), sink);
  }

  /** Runs on the snapshot streamer; a failing sink fails the returned future. */
  private long stream(CapturedSnapshot snapshot) {
    List<Projection> items = snapshot.items();
    int index = 0;
    int start = 0;
    do {
      int end = start;
      long bytes = 0;
      while (end < items.size()
          && end - start < config.snapshotChunkItems()
          && bytes < config.snapshotChunkBytes()) {
        bytes += items.get(end).approximateSize();
        end++;
      }
      boolean last = end == items.size();
      SnapshotSink.Chunk chunk = new SnapshotSink.Chunk(
          snapshot.resource(), snapshot.epoch(), snapshot.version(), index++,
          items.subList(start, end), last);
      try {
        snapshot.sink().chunk(chunk);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new CompletionException(e);
      }
      start = end;
    } while (start < items.size());
    return snapshot.version();
  }

  private void run() {
    List<ClusterEvent> batch = new ArrayList<>(config.maxBatchEvents());
    Op carried = null;
    try {
      while (true) {
        Op op = carried != null ? carried : ops.take();
        carried = null;
        if (op instanceof Apply first) {
          batch.add(first.event());
          while (batch.size() < config.maxBatchEvents() && !changesTypes(first.event())) {
            Op next = ops.poll();
            if (next == null) {
              break;
            }
            if (next instanceof Apply apply && !changesTypes(apply.event())) {
              batch.add(apply.event());
            } else {
              carried = next;
              break;
            }
          }
          applyBatch(batch);
          batch.clear();
        } else if (op instanceof Task task) {
          task.body().run();
        } else {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.debug("queue thread interrupted; stopping");
    } catch (RuntimeException | Error e) {
      failure = e;
      accepting = false;
      log.error("queue stopped: a batch failed half-way and the state can no longer be trusted", e);
    } finally {
      accepting = false;
      failPending();
    }
  }

  /**
   * Whether an event starts or ends tracking a type. Such an event is applied in a batch of its
   * own, so that a sink always hears of a new type before any delta about it, and of a removed
   * type right after the delta that deleted its objects.
   */
  private boolean changesTypes(ClusterEvent event) {
    assert onQueueThread() : "only the queue's thread reads the state";
    return event instanceof ClusterEvent.ResourceRemoved
        || (event instanceof ClusterEvent.Relisted && !state.tracks(event.resource()));
  }

  private void applyBatch(List<ClusterEvent> batch) {
    assert onQueueThread() : "only the queue's thread applies batches";
    HotState.BatchResult result = state.apply(batch);
    stats.events.addAndGet(batch.size());
    stats.batches.incrementAndGet();
    if (result.ignored() > 0) {
      stats.ignored.addAndGet(result.ignored());
      log.warn("ignored {} events about resource types that are not tracked", result.ignored());
    }
    if (!result.changes().isEmpty()) {
      version++;
      AgentDelta delta = new AgentDelta(epoch, Version.of(version), result.changes());
      EncodedDelta encoded = new EncodedDelta(delta, encoder.encode(delta));
      replayLog.append(encoded);
      stats.versions.incrementAndGet();
      try {
        sink.onDelta(encoded);
      } catch (RuntimeException e) {
        log.warn("delta sink failed on version {}; the sink must repair itself", version, e);
      }
    }
    if (result.resourcesChanged()) {
      try {
        sink.onResourcesChanged(epoch, version, state.resources());
      } catch (RuntimeException e) {
        log.warn("delta sink failed on a resource set change at version {}", version, e);
      }
    }
  }

  private Status currentStatus() {
    assert onQueueThread() : "only the queue's thread reads the state";
    return new Status(epoch, version, replayLog.oldestReplayable(), state.resources(), state.size());
  }

  private <T> CompletableFuture<T> call(Supplier<T> body) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (!accepting) {
      result.completeExceptionally(closedException());
      return result;
    }
    Task task = new Task(() -> {
      try {
        result.complete(body.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    }, result::completeExceptionally);
    if (!ops.offer(task)) {
      // Reads must not wait behind a full queue on the caller's thread; they are rare, so a
      // full queue here means the Agent is overloaded, which the caller should hear about.
      result.completeExceptionally(new IllegalStateException("the agent's queue is full"));
    }
    return result;
  }

  private boolean onQueueThread() {
    return Thread.currentThread() == thread;
  }

  private void ensureAccepting() {
    if (!accepting) {
      throw closedException();
    }
  }

  private IllegalStateException closedException() {
    return failure != null
        ? new IllegalStateException("the agent's queue stopped after a failure", failure)
        : new IllegalStateException("the agent's queue is closed");
  }

  private void failPending() {
    Op op;
    while ((op = ops.poll()) != null) {
      if (op instanceof Task task) {
        task.abandon().accept(closedException());
      }
    }
  }

  /**
   * Stops accepting work, lets the thread finish what was added before, and waits for it. Reads
   * added after the stop fail with {@link IllegalStateException}.
   */
  @Override
  public void close() throws InterruptedException {
    accepting = false;
    while (thread.isAlive() && !ops.offer(new Stop(), 100, TimeUnit.MILLISECONDS)) {
      // The queue is full of events being applied; try again until the Stop fits behind them.
    }
    thread.join();
    failPending();
  }
}
