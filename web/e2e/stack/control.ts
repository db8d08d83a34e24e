/**
 * A client of the control endpoint the stack's Java test serves next to the demo (see
 * app/src/test/java/app/octokube/app/e2e/StackControl.java): it acts on the simulated cluster
 * as a controller or an operator would, through the apiserver, never through the Backend.
 */
export class StackControl {
  constructor(private readonly baseUrl: string) {}

  /** Creates a pod in the cluster; resolves once the apiserver has it. */
  async createPod(namespace: string, name: string): Promise<void> {
    await this.call('POST', `/pods?${new URLSearchParams({ namespace, name })}`, 204);
  }

  async deletePod(namespace: string, name: string): Promise<void> {
    await this.call('DELETE', `/pods?${new URLSearchParams({ namespace, name })}`, 204);
  }

  /**
   * Restarts the cluster's Agent (a new epoch, a full relist); resolves once the new Agent runs.
   * The pods named `namespace/name` are created and deleted right before the old Agent stops.
   */
  async restartAgent(around: { createBefore?: string; deleteBefore?: string } = {}): Promise<void> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(around)) {
      if (value !== undefined) params.set(name, value);
    }
    await this.call('POST', `/agent/restart?${params}`, 204);
  }

  private async call(method: string, path: string, expected: number): Promise<Response> {
    // Bounded: an Agent restart takes seconds at most, and a request nobody answers should fail
    // the test with its name rather than time it out.
    const response = await fetch(`${this.baseUrl}${path}`, { method, signal: AbortSignal.timeout(20_000) });
    if (response.status !== expected) {
      throw new Error(`control ${method} ${path}: ${response.status} ${await response.text()}`);
    }
    return response;
  }
}
