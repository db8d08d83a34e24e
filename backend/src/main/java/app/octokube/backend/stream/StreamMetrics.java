package app.octokube.backend.stream;

import app.octokube.backend.agents.LinkMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Backend's meters, registered once in a {@link MeterRegistry}; every method is thread-safe
 * and cheap enough for the fan-out path. Names follow Micrometer's dotted form, which the
 * Prometheus registry writes as {@code octokube_client_deltas_out_total},
 * {@code octokube_traffic_out_bytes_total{link="client"}} and so on. No meter is
 * tagged with a cluster or a user: {@code /metrics} is unauthenticated and must name neither.
 */
public final class StreamMetrics implements LinkMetrics {
  private final AtomicLong clients = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();
  private final AtomicLong agents = new AtomicLong();
  private final AtomicLong bufferedBytes = new AtomicLong();
  private final Counter agentDeltasIn;
  private final Counter agentBytesIn;
  private final Counter clientBytesIn;
  private final Counter clientBytesOut;
  private final Counter agentBytesOut;
  private final Counter clientDeltasOut;
  private final Counter payloadsEncoded;
  private final Counter subscribersVisited;
  private final Counter snapshotsServed;
  private final Counter snapshotRequests;
  private final Counter snapshotRequestsDeduplicated;
  private final Counter resyncs;
  private final Counter overflows;
  private final Counter slowConsumerCloses;
  private final Counter agentLinkPauses;
  private final Counter socketsBounded;

  public StreamMetrics(MeterRegistry registry) {
    Gauge.builder("octokube.clients.connected", clients, AtomicLong::get)
        .description("client streams open now").register(registry);
    Gauge.builder("octokube.subscriptions", subscriptions, AtomicLong::get)
        .description("subscriptions held by client streams now").register(registry);
    Gauge.builder("octokube.agents.connected", agents, AtomicLong::get)
        .description("agents whose link is up now").register(registry);
    Gauge.builder("octokube.client.buffered.bytes", bufferedBytes, AtomicLong::get)
        .description("bytes queued for clients that could not take them yet").register(registry);
    agentDeltasIn = counter(registry, "octokube.agent.deltas.in", "versions received from agents");
    agentBytesIn = bytes(registry, "octokube.traffic.in", "agent");
    clientBytesIn = bytes(registry, "octokube.traffic.in", "client");
    agentBytesOut = bytes(registry, "octokube.traffic.out", "agent");
    clientBytesOut = bytes(registry, "octokube.traffic.out", "client");
    clientDeltasOut = counter(registry, "octokube.client.deltas.out", "delta messages written to clients");
    payloadsEncoded = counter(registry, "octokube.fanout.payloads",
        "change payloads encoded by the fan-out: one per version per group of identical access");
    subscribersVisited = counter(registry, "octokube.fanout.visits",
        "client streams the fan-out looked at: those a version had changes for, and those not settled");
    snapshotsServed = counter(registry, "octokube.snapshots.served", "snapshot messages sent to clients");
    snapshotRequests = counter(registry, "octokube.snapshot.requests", "snapshot requests sent to agents");
    snapshotRequestsDeduplicated = counter(registry, "octokube.snapshot.requests.deduplicated",
        "snapshot needs served by a request already in flight");
    resyncs = counter(registry, "octokube.resyncs", "subscriptions resynced, by the client or the Backend");
    overflows = counter(registry, "octokube.client.overflows", "client buffers that overflowed and were dropped");
    slowConsumerCloses = counter(registry, "octokube.client.slow.consumer.closes",
        "clients closed for reading too slowly");
    agentLinkPauses = counter(registry, "octokube.agent.link.pauses",
        "times an agent's link stopped being read because its cluster's hub was behind");
    socketsBounded = counter(registry, "octokube.connections.unsent.bounded",
        "connections whose unsent bytes in the kernel are bounded (native transport only)");
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  private static Counter bytes(MeterRegistry registry, String name, String link) {
    return Counter.builder(name).baseUnit("bytes").tag("link", link).register(registry);
  }

  /** A connection's unsent bytes in the kernel were bounded ({@code StreamLimits#socketUnsentBytes}). */
  public void socketBounded() {
    socketsBounded.increment();
  }

  public void clientConnected(int delta) {
    clients.addAndGet(delta);
  }

  public void subscriptions(int delta) {
    subscriptions.addAndGet(delta);
  }

  @Override
  public void agentConnected(int delta) {
    agents.addAndGet(delta);
  }

  public void buffered(long delta) {
    bufferedBytes.addAndGet(delta);
  }

  @Override
  public void agentDeltaIn() {
    agentDeltasIn.increment();
  }

  @Override
  public void agentBytesIn(long bytes) {
    agentBytesIn.increment(bytes);
  }

  public void clientBytesIn(long bytes) {
    clientBytesIn.increment(bytes);
  }

  @Override
  public void agentBytesOut(long bytes) {
    agentBytesOut.increment(bytes);
  }

  @Override
  public void agentLinkPaused() {
    agentLinkPauses.increment();
  }

  public double agentLinkPauses() {
    return agentLinkPauses.count();
  }

  public void clientBytesOut(long bytes) {
    clientBytesOut.increment(bytes);
  }

  public void clientDeltaOut() {
    clientDeltasOut.increment();
  }

  public void payloadsEncoded(int count) {
    payloadsEncoded.increment(count);
  }

  public void subscribersVisited(long count) {
    subscribersVisited.increment(count);
  }

  public void snapshotServed() {
    snapshotsServed.increment();
  }

  public void snapshotRequested() {
    snapshotRequests.increment();
  }

  public void snapshotDeduplicated() {
    snapshotRequestsDeduplicated.increment();
  }

  public void resync() {
    resyncs.increment();
  }

  public void overflow() {
    overflows.increment();
  }

  public void slowConsumerClose() {
    slowConsumerCloses.increment();
  }

  public long bufferedBytes() {
    return bufferedBytes.get();
  }

  public double snapshotRequests() {
    return snapshotRequests.count();
  }

  public double snapshotRequestsDeduplicated() {
    return snapshotRequestsDeduplicated.count();
  }
}
