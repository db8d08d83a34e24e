/**
 * The Agent's link to the Backend: one outbound WebSocket carrying the hello, the deltas in
 * version order, snapshot chunks and resume answers, with heartbeats and jittered reconnects.
 *
 * <p>Reading order: {@link app.octokube.agent.link.AgentLink} (lifecycle, reconnects) →
 * {@code LinkSession} (one connection: hello, commands, order on the wire) → {@code DeltaPump}
 * (outbox and replay to socket, gap repair) and {@code SnapshotServer} (snapshot chunks with
 * backpressure) → {@code Heartbeat} (half-open detection).
 *
 * <p>Threads: the link's Vert.x event loop owns every socket and all link state; the queue's
 * thread only drops deltas into a bounded outbox and schedules the loop; snapshot-streamer
 * threads encode chunks and block while the socket is full. The queue never waits on the
 * network.
 */
package app.octokube.agent.link;
