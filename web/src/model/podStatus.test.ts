import { describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../sync/protocol';
import { podReady, podRestarts, podStatus } from './podStatus';

function pod(status: { readonly [k: string]: Json }, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    metadata: { name: 'p', namespace: 'ns', ...(extra.metadata ?? {}) },
    spec: { containers: [{ name: 'app' }, { name: 'sidecar' }] },
    status,
  };
}

const running = (name: string, ready = true, restartCount = 0) => ({
  name,
  ready,
  restartCount,
  state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
});

describe('the STATUS column of pods', () => {
  it('shows the phase of a healthy pod', () => {
    expect(podStatus(pod({ phase: 'Running', containerStatuses: [running('app'), running('sidecar')] }))).toBe(
      'Running',
    );
  });

  it("shows a waiting container's reason", () => {
    const status = {
      phase: 'Running',
      containerStatuses: [running('app'), { name: 'sidecar', state: { waiting: { reason: 'CrashLoopBackOff' } } }],
    };
    expect(podStatus(pod(status))).toBe('CrashLoopBackOff');
  });

  it("shows a terminated container's reason, or its signal or exit code", () => {
    expect(
      podStatus(
        pod({
          phase: 'Running',
          containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }],
        }),
      ),
    ).toBe('OOMKilled');
    expect(
      podStatus(
        pod({ phase: 'Running', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 2 } } }] }),
      ),
    ).toBe('ExitCode:2');
    expect(
      podStatus(
        pod({
          phase: 'Running',
          containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 143, signal: 15 } } }],
        }),
      ),
    ).toBe('Signal:15');
  });

  it('shows init progress and init failures', () => {
    const spec = { containers: [{ name: 'app' }], initContainers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    const done = { name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    expect(
      podStatus({
        ...pod({ phase: 'Pending', initContainerStatuses: [done, { name: 'b', state: { running: {} } }] }),
        spec,
      }),
    ).toBe('Init:1/3');
    expect(
      podStatus({
        ...pod({
          phase: 'Pending',
          initContainerStatuses: [{ name: 'a', state: { waiting: { reason: 'ImagePullBackOff' } } }],
        }),
        spec,
      }),
    ).toBe('Init:ImagePullBackOff');
    expect(
      podStatus({
        ...pod({
          phase: 'Pending',
          initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 1, reason: 'Error' } } }],
        }),
        spec,
      }),
    ).toBe('Init:Error');
  });

  it("shows the pod's own reason, such as Evicted", () => {
    expect(podStatus(pod({ phase: 'Failed', reason: 'Evicted' }))).toBe('Evicted');
  });

  it('shows Terminating once the pod is being deleted', () => {
    expect(
      podStatus(pod({ phase: 'Running' }, { metadata: { name: 'p', deletionTimestamp: '2026-01-01T00:00:00Z' } })),
    ).toBe('Terminating');
  });

  it('shows Running rather than Completed while a container still runs ready', () => {
    const status = {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        { name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        running('sidecar'),
      ],
    };
    expect(podStatus(pod(status))).toBe('Running');
  });

  it('counts ready containers and restarts', () => {
    const p = pod({
      phase: 'Running',
      containerStatuses: [running('app', true, 3), running('sidecar', false, 2)],
      initContainerStatuses: [{ name: 'i', restartCount: 1 }],
    });
    expect(podReady(p)).toEqual({ ready: 1, total: 2 });
    expect(podRestarts(p)).toBe(6);
  });
});
