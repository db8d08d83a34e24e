package app.octokube.backend.agents;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.CloseCode;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.AgentError;
import app.octokube.protocol.link.AgentHello;
import app.octokube.protocol.link.AgentMessage;
import app.octokube.protocol.link.ResourcesChanged;
import app.octokube.protocol.link.ResumeAccepted;
import app.octokube.protocol.link.ResumeRequest;
import app.octokube.protocol.link.ResumeTooOld;
import app.octokube.protocol.link.SnapshotChunk;
import app.octokube.protocol.link.SnapshotRequest;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster's link to its Agent: which connection is current, and where the cluster's history
 * stands (epoch, last version received, resource types). Owned by the cluster's
 * {@link OwnerContext}: every method but {@link #status()} runs there and asserts it.
 *
 * <p><b>Connections.</b> The newest authenticated connection wins: a second Agent for a cluster
 * that already has one closes the old connection with {@link CloseCode#REPLACED}. An Agent that
 * lost its connection reconnects, and a stale one cannot hold the cluster hostage.
 *
 * <p><b>Handshake</b> (docs/protocol.md, "Opening the link and resuming"). The Agent says
 * {@code hello}. If its epoch is the one the Backend holds and its replay log reaches the last
 * version received ({@code oldestReplayable <= last <= version}), the link asks to
 * {@code resume} after that version; {@code resumed} continues the history, and a
 * {@code resume-too-old} all the same starts a new one from the hello's version. Otherwise a new
 * history starts at once from the hello's version, and the link opens the Agent's delta stream
 * with a {@code resume} after that very version, so versions flow even before any snapshot is
 * asked for. The link is up, and clients see the cluster connected, from then on.
 *
 * <p><b>Order.</b> Deltas must come in version order with none missing. A duplicate is ignored; a
 * gap, a delta before the link is up or an undecodable frame breaks the protocol: the connection
 * is closed with {@link CloseCode#POLICY_VIOLATION}, and the Agent reconnects and resumes.
 */
public final class ClusterLink {
  private static final Logger log = LoggerFactory.getLogger(ClusterLink.class);

  private enum Phase { DOWN, AWAITING_HELLO, RESUMING, UP }

  /** Where a link stands, published for readers on other threads (a client's {@code hello}). */
  public record Status(boolean connected, Epoch epoch, long version, List<ResourceName> resources) {}

  private final OwnerContext owner;
  private final ClusterId cluster;
  private final LinkListener listener;
  private final LinkMetrics metrics;
  private AgentChannel channel;
  private Phase phase = Phase.DOWN;
  private Epoch epoch;
  private long version;
  private long helloVersion;
  private boolean opening;
  private List<ResourceName> resources = List.of();
  private volatile Status status = new Status(false, null, 0, List.of());

  public ClusterLink(OwnerContext owner, ClusterId cluster, LinkListener listener, LinkMetrics metrics) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  public OwnerContext owner() {
    return owner;
  }

  public ClusterId cluster() {
    return cluster;
  }

  /** The latest status; callable from any thread. */
  public Status status() {
    return status;
  }

  public boolean isUp() {
    assert owner.inOwner() : "only the cluster's owner reads the link";
    return phase == Phase.UP;
  }

  public Epoch epoch() {
    assert owner.inOwner() : "only the cluster's owner reads the link";
    return epoch;
  }

  /** The last version received in the current epoch. */
  public long version() {
    assert owner.inOwner() : "only the cluster's owner reads the link";
    return version;
  }

  public List<ResourceName> resources() {
    assert owner.inOwner() : "only the cluster's owner reads the link";
    return resources;
  }

  /** An authenticated Agent connected for this cluster; it replaces any current connection. */
  public void attach(AgentChannel next) {
    assert owner.inOwner() : "only the cluster's owner changes the link";
    if (channel != null) {
      log.info("cluster {}: a new agent connection replaces the current one", cluster);
      AgentChannel old = channel;
      down();
      old.close(CloseCode.REPLACED);
    }
    channel = next;
    phase = Phase.AWAITING_HELLO;
  }

  /** A connection closed; only the current one matters. */
  public void closed(AgentChannel closed) {
    assert owner.inOwner() : "only the cluster's owner changes the link";
    if (closed == channel) {
      log.info("cluster {}: agent disconnected", cluster);
      down();
    }
  }

  /** A message from a connection; messages from a replaced connection are ignored. */
  public void received(AgentChannel from, AgentMessage message) {
    assert owner.inOwner() : "only the cluster's owner changes the link";
    if (from != channel) {
      return;
    }
    if (message instanceof AgentHello hello) {
      onHello(hello);
    } else if (message instanceof AgentDelta delta) {
      onDelta(delta);
    } else if (message instanceof SnapshotChunk chunk) {
      if (phase != Phase.UP) {
        violation("a snapshot chunk before the link was up");
      } else {
        listener.snapshotChunk(chunk);
      }
    } else if (message instanceof ResumeAccepted accepted) {
      onResumed(accepted);
    } else if (message instanceof ResumeTooOld tooOld) {
      onTooOld(tooOld);
    } else if (message instanceof ResourcesChanged changed) {
      onResourcesChanged(changed);
    } else if (message instanceof AgentError error) {
      onError(error);
    }
  }

  /** Asks the Agent for a snapshot; false if the link is not up, and the caller asks again later. */
  public boolean requestSnapshot(String requestId, ResourceName resource) {
    assert owner.inOwner() : "only the cluster's owner uses the link";
    if (phase != Phase.UP) {
      return false;
    }
    channel.send(new SnapshotRequest(requestId, resource));
    return true;
  }

  private void violation(String what) {
    log.warn("cluster {}: closing the agent connection: {}", cluster, what);
    AgentChannel broken = channel;
    down();
    if (broken != null) {
      broken.close(CloseCode.POLICY_VIOLATION);
    }
  }

  private void onHello(AgentHello hello) {
    if (phase != Phase.AWAITING_HELLO) {
      violation("a second hello");
      return;
    }
    resources = hello.resources();
    helloVersion = hello.version().value();
    if (hello.epoch().equals(epoch) && hello.canReplayAfter(Version.of(version))) {
      log.info("cluster {}: agent is back in epoch {}; resuming after version {}", cluster, epoch, version);
      phase = Phase.RESUMING;
      channel.send(new ResumeRequest(epoch, Version.of(version)));
    } else {
      log.info("cluster {}: agent connected in epoch {} at version {}; new history",
          cluster, hello.epoch(), helloVersion);
      channel.send(new ResumeRequest(hello.epoch(), hello.version()));
      opening = true;
      startHistory(hello.epoch(), helloVersion);
    }
  }

  private void onResumed(ResumeAccepted accepted) {
    if (opening && accepted.epoch().equals(epoch) && accepted.after().value() == helloVersion) {
      // The answer to the resume that opened a new history's stream: the deltas follow.
      opening = false;
      return;
    }
    if (phase != Phase.RESUMING || !accepted.epoch().equals(epoch) || accepted.after().value() != version) {
      violation("an unexpected resumed");
      return;
    }
    phase = Phase.UP;
    metrics.agentConnected(1);
    publish();
    listener.linkUp(epoch, version, resources, true);
  }

  private void onTooOld(ResumeTooOld tooOld) {
    if (opening) {
      // The opening resume was refused: the stream opens with the first snapshot request instead.
      opening = false;
      return;
    }
    if (phase != Phase.RESUMING) {
      violation("an unexpected resume-too-old");
      return;
    }
    log.info("cluster {}: the agent's replay log no longer reaches version {}; resyncing", cluster, version);
    startHistory(epoch, helloVersion);
  }

  private void startHistory(Epoch newEpoch, long from) {
    epoch = newEpoch;
    version = from;
    phase = Phase.UP;
    metrics.agentConnected(1);
    publish();
    listener.linkUp(epoch, version, resources, false);
  }

  private void onDelta(AgentDelta delta) {
    long next = delta.version().value();
    if (phase != Phase.UP || !delta.epoch().equals(epoch)) {
      violation("a delta outside the link's epoch");
    } else if (next <= version) {
      log.debug("cluster {}: ignoring version {} received twice", cluster, next);
    } else if (next != version + 1) {
      violation("version " + next + " after " + version);
    } else {
      version = next;
      metrics.agentDeltaIn();
      publish();
      listener.delta(delta);
    }
  }

  private void onResourcesChanged(ResourcesChanged changed) {
    if (!changed.epoch().equals(epoch)) {
      log.debug("cluster {}: ignoring a resource set of another epoch", cluster);
      return;
    }
    resources = changed.resources();
    publish();
    if (phase == Phase.UP) {
      listener.resourcesChanged(resources);
    }
  }

  private void onError(AgentError error) {
    if (error.requestId() != null) {
      log.warn("cluster {}: agent failed snapshot request {} ({})", cluster, error.requestId(), error.code());
      listener.snapshotFailed(error.requestId(), error.code());
    } else {
      log.warn("cluster {}: agent reported an error ({})", cluster, error.code());
    }
  }

  private void down() {
    boolean wasUp = phase == Phase.UP;
    channel = null;
    opening = false;
    phase = Phase.DOWN;
    publish();
    if (wasUp) {
      metrics.agentConnected(-1);
      listener.linkDown();
    }
  }

  private void publish() {
    status = new Status(phase == Phase.UP, epoch, version, resources);
  }
}
