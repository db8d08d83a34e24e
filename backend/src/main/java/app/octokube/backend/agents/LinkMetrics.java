package app.octokube.backend.agents;

/** The meters the agent links feed; implemented by the Backend's metrics. Thread-safe. */
public interface LinkMetrics {

  void agentConnected(int delta);

  void agentDeltaIn();

  void agentBytesIn(long bytes);

  void agentBytesOut(long bytes);

  /** An Agent's link stopped being read because its hub was too far behind ({@link InboundGate}). */
  void agentLinkPaused();

  /** Meters that count nothing, for tests of the link alone. */
  LinkMetrics NONE = new LinkMetrics() {
    @Override
    public void agentConnected(int delta) {}

    @Override
    public void agentDeltaIn() {}

    @Override
    public void agentBytesIn(long bytes) {}

    @Override
    public void agentBytesOut(long bytes) {}

    @Override
    public void agentLinkPaused() {}
  };
}
