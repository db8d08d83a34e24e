import type { Json, KubeObject } from '../sync/protocol';
import { bool, condition, list, num, text } from './fields';

/**
 * A pod's STATUS column as `kubectl get pods` computes it: the phase, overridden by the pod's
 * reason, by the first init container not yet done ("Init:1/3", "Init:CrashLoopBackOff"), by a
 * container's waiting or terminated reason ("CrashLoopBackOff", "OOMKilled"), and finally by
 * "Terminating" once the pod is being deleted.
 */
export function podStatus(pod: KubeObject): string {
  let reason = text(pod, 'status.reason') ?? text(pod, 'status.phase') ?? 'Unknown';
  const initStatuses = list(pod, 'status.initContainerStatuses');
  const initTotal = list(pod, 'spec.initContainers').length || initStatuses.length;
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const s = initStatuses[i];
    const exitCode = num(s, 'state.terminated.exitCode');
    if (exitCode === 0) {
      continue;
    }
    initializing = true;
    if (exitCode !== undefined) {
      reason = `Init:${text(s, 'state.terminated.reason') ?? terminatedWithout(s, 'state.terminated', exitCode)}`;
    } else {
      const waiting = text(s, 'state.waiting.reason');
      reason = waiting !== undefined && waiting !== 'PodInitializing' ? `Init:${waiting}` : `Init:${i}/${initTotal}`;
    }
    break;
  }
  if (!initializing) {
    let running = false;
    const statuses = list(pod, 'status.containerStatuses');
    for (let i = statuses.length - 1; i >= 0; i--) {
      const s = statuses[i];
      const waiting = text(s, 'state.waiting.reason');
      const exitCode = num(s, 'state.terminated.exitCode');
      if (waiting !== undefined) {
        reason = waiting;
      } else if (text(s, 'state.terminated.reason') !== undefined) {
        reason = text(s, 'state.terminated.reason') ?? reason;
      } else if (exitCode !== undefined) {
        reason = terminatedWithout(s, 'state.terminated', exitCode);
      } else if (bool(s, 'ready') === true && text(s, 'state.running.startedAt') !== undefined) {
        running = true;
      }
    }
    if (reason === 'Completed' && running) {
      reason = text(condition(pod, 'Ready') ?? null, 'status') === 'True' ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp !== undefined) {
    reason = text(pod, 'status.reason') === 'NodeLost' ? 'Unknown' : 'Terminating';
  }
  return reason;
}

function terminatedWithout(status: Json | undefined, path: string, exitCode: number): string {
  const signal = num(status, `${path}.signal`);
  return signal !== undefined && signal !== 0 ? `Signal:${signal}` : `ExitCode:${exitCode}`;
}

/** READY: ready containers over containers, as "1/2". */
export function podReady(pod: KubeObject): { ready: number; total: number } {
  const statuses = list(pod, 'status.containerStatuses');
  const total = list(pod, 'spec.containers').length || statuses.length;
  return { ready: statuses.filter((s) => bool(s, 'ready') === true).length, total };
}

/** RESTARTS: the containers' restarts added up (init containers count too, as in kubectl). */
export function podRestarts(pod: KubeObject): number {
  let restarts = 0;
  for (const path of ['status.containerStatuses', 'status.initContainerStatuses']) {
    for (const s of list(pod, path)) {
      restarts += num(s, 'restartCount') ?? 0;
    }
  }
  return restarts;
}
