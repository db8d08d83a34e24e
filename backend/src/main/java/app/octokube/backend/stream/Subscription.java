package app.octokube.backend.stream;

import app.octokube.protocol.ResourceName;

/**
 * One client's subscription to one resource of one cluster, as its hub sees it. Owned by the
 * hub's {@link OwnerContext}.
 */
final class Subscription {
  /** Where a subscription stands. */
  enum State {
    /** Waiting for a snapshot; gets no delta until it arrives. */
    AWAITING,
    /** Has had its snapshot at {@link #version()}; gets every later change it may see. */
    LIVE,
    /** The client's buffer overflowed; gets nothing until the client drains and it resyncs. */
    STALE
  }

  private final ResourceName resource;
  private final Subscriber subscriber;
  private State state = State.AWAITING;
  private long version;
  private SnapshotRound round;

  /** A subscription of {@code subscriber}, which hears of every change of its state before it happens. */
  Subscription(ResourceName resource, Subscriber subscriber) {
    this.resource = resource;
    this.subscriber = subscriber;
  }

  ResourceName resource() {
    return resource;
  }

  State state() {
    return state;
  }

  boolean isLive() {
    return state == State.LIVE;
  }

  /**
   * For a live subscription, the version its client holds it at from the snapshot on: the
   * snapshot's version, or the hub's version when a catch-up followed it. Deltas up to it never
   * carry this resource's changes.
   */
  long version() {
    return version;
  }

  /** The round this subscription waits on; null unless awaiting. */
  SnapshotRound round() {
    return round;
  }

  void await(SnapshotRound round) {
    subscriber.changing();
    this.state = State.AWAITING;
    this.round = round;
  }

  void live(long version) {
    subscriber.changing();
    this.state = State.LIVE;
    this.version = version;
    this.round = null;
  }

  void stale() {
    subscriber.changing();
    this.state = State.STALE;
    this.round = null;
  }
}
