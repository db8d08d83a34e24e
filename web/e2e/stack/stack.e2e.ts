import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ide, launchChromium } from '../ide';
import { StackControl } from './control';
import { snapshotKeys } from './snapshot';
import {
  differenceFrom,
  namespaceChoices,
  namespaceColumn,
  recordedSyncStates,
  recordSyncStates,
  settledState,
  settlesLive,
  statusBarEpoch,
  tableNotice,
  TALL_VIEWPORT,
  watchForRow,
} from './views';

/**
 * The IDE in real Chromium against the real Backend, the real Agent and the simulated cluster of
 * `octokube demo`, started by app/src/test/java/app/octokube/app/StackE2EIT.java, which passes:
 * - OCTOKUBE_STACK_URL: the demo's Backend, serving the built IDE at `/`;
 * - OCTOKUBE_STACK_CONTROL: its control endpoint (create and delete pods, restart the Agent).
 * The demo's cluster is `demo`; its users are admin (everything), alice (payments and search, no
 * secrets) and bob (platform, in weekday hours the Java test makes sure are over), each with the
 * user's name as password. `npm run e2e` (the mock Backend's suite) skips this file.
 */

const BASE = process.env.OCTOKUBE_STACK_URL?.replace(/\/+$/, '');
const STACK = BASE ?? '';
const CONTROL = process.env.OCTOKUBE_STACK_CONTROL?.replace(/\/+$/, '');
const CLUSTER = 'demo';
const ALICE_NAMESPACES = ['payments', 'search'];
const ALL_NAMESPACES = ['kube-system', 'payments', 'platform', 'search'];
/** A created pod must be on screen within this long of the apiserver accepting it. */
const LIVE_WITHIN_MS = 1000;
const NO_DIFFERENCE = { missing: [], extra: [] };
/** Comparisons with the Backend poll: the simulated cluster churns two changes a second. */
const POLL = { timeout: 10_000, interval: 250 };

/** Names no other run against the same stack has used. */
const run = Date.now().toString(36);
const unique = (what: string) => `e2e-${what}-${run}`;

describe.skipIf(BASE === undefined || CONTROL === undefined)('the IDE on the real stack', () => {
  let browser: Browser;
  const control = new StackControl(CONTROL ?? '');
  let open: Ide[] = [];

  /** A fresh browser context at `hash` (a deep link), signed in as `user`. */
  async function signedIn(user: string, hash: string): Promise<Ide> {
    const ide = await Ide.open(browser, STACK, hash);
    open.push(ide);
    await ide.page.setViewportSize(TALL_VIEWPORT);
    await ide.signIn(user, user);
    return ide;
  }

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      for (const [n, ide] of open.entries()) {
        const path = await ide.screenshot(`stack ${context.task.name} ${n + 1}`).catch((e: unknown) => String(e));
        console.error(`screenshot of the failure: ${path}`);
      }
    }
    await Promise.all(open.map((ide) => ide.close().catch(() => {})));
    open = [];
  });

  it('shows alice only the namespaces her rules grant, and admin all of them', async () => {
    const alice = await signedIn('alice', `#/${CLUSTER}/pods`);
    const admin = await signedIn('admin', `#/${CLUSTER}/pods`);
    await alice.waitForSyncState('live', 15_000);
    await admin.waitForSyncState('live', 15_000);

    expect(await namespaceColumn(alice)).toEqual(ALICE_NAMESPACES);
    expect(await namespaceChoices(alice)).toEqual(ALICE_NAMESPACES);
    expect(await namespaceColumn(admin)).toEqual(ALL_NAMESPACES);
    expect(await namespaceChoices(admin)).toEqual(ALL_NAMESPACES);

    // And each table holds exactly what the Backend's snapshot gives that user now (polled: the
    // cluster churns meanwhile).
    await expect
      .poll(() => differenceFrom(alice, () => snapshotKeys(STACK, 'alice', CLUSTER, 'pods')), POLL)
      .toEqual(NO_DIFFERENCE);
    await expect
      .poll(() => differenceFrom(admin, () => snapshotKeys(STACK, 'admin', CLUSTER, 'pods')), POLL)
      .toEqual(NO_DIFFERENCE);
  });

  it('shows a pod created in the cluster in alice’s open pods view within a second', async () => {
    const alice = await signedIn('alice', `#/${CLUSTER}/pods`);
    await alice.waitForSyncState('live', 15_000);
    const name = unique('appears');
    const key = `payments/${name}`;
    const appeared = await watchForRow(alice, key);

    const asked = Date.now();
    await control.createPod('payments', name);
    const created = Date.now();
    const shownAt = await appeared();

    // Negative when the row was on screen before the create call's answer reached this process.
    const latency = shownAt - created;
    console.log(
      `pod-appears latency: ${latency} ms from the create call returning to the row of ${key} in the table ` +
        `(${shownAt - asked} ms from asking; the create call took ${created - asked} ms)`,
    );
    await alice.waitForRow(key, 1000);
    expect(latency).toBeLessThan(LIVE_WITHIN_MS);

    // And deleted, it goes as fast.
    await control.deletePod('payments', name);
    const deleted = Date.now();
    await alice.waitForNoRow(key, LIVE_WITHIN_MS);
    console.log(`pod-disappears latency: ${Date.now() - deleted} ms (polled)`);
    await alice.waitForSyncState('live');
  });

  it('shows an Agent restart as resyncing, then the right state in the new epoch', async () => {
    const alice = await signedIn('alice', `#/${CLUSTER}/pods`);
    await alice.waitForSyncState('live', 15_000);
    const doomed = unique('doomed');
    await control.createPod('payments', doomed);
    await alice.waitForRow(`payments/${doomed}`);
    const epochBefore = await statusBarEpoch(alice);
    expect(epochBefore).toMatch(/\S/);
    await recordSyncStates(alice);

    // Changes right before the old Agent stops: the old epoch may or may not carry them; the new
    // one must.
    const before = unique('before-restart');
    await control.restartAgent({ createBefore: `search/${before}`, deleteBefore: `payments/${doomed}` });

    await expect.poll(() => statusBarEpoch(alice), { timeout: 10_000 }).not.toBe(epochBefore);
    await settlesLive(alice, 'after the Agent restart', 15_000);
    const states = await recordedSyncStates(alice);
    console.log(`sync states through the Agent restart: ${JSON.stringify(states)}`);
    expect(states.some((s) => s.startsWith('resyncing'))).toBe(true);

    await alice.waitForRow(`search/${before}`);
    await alice.waitForNoRow(`payments/${doomed}`);
    // The right state: exactly what the Backend's snapshot in the new epoch gives alice.
    await expect
      .poll(() => differenceFrom(alice, () => snapshotKeys(STACK, 'alice', CLUSTER, 'pods')), POLL)
      .toEqual(NO_DIFFERENCE);
    // And the new epoch is live: a pod created now appears.
    const after = unique('after-restart');
    await control.createPod('payments', after);
    await alice.waitForRow(`payments/${after}`, 2000);
    await alice.waitForSyncState('live');
  });

  it('answers alice’s deep link to secrets with a clear no-access message', async () => {
    const alice = await signedIn('alice', `#/${CLUSTER}/secrets`);

    const state = await settledState(alice, 15_000);
    const notice = await tableNotice(alice);
    console.log(`alice at #/${CLUSTER}/secrets sees (${state}): ${notice}`);
    expect(notice).toContain(`No access to Secrets in ${CLUSTER}`);
    expect(notice).toContain('do not let you see secrets');
    expect(state).toBe('forbidden');
    expect(alice.page.url()).toContain(`#/${CLUSTER}/secrets`);
    expect(await alice.visibleKeys()).toEqual([]);
  });

  it('answers bob’s deep link to pods outside his hours with "no access"', async () => {
    const bob = await signedIn('bob', `#/${CLUSTER}/pods`);

    // His rules grant pods in platform on weekdays 09:00-18:00, and it is not that time: the
    // page must say that he has no access (now), not that the cluster does not exist or failed.
    const state = await settledState(bob, 15_000);
    const notice = await tableNotice(bob);
    console.log(`bob at #/${CLUSTER}/pods sees (${state}): ${notice}`);
    expect(notice).toMatch(/no access/i);
    expect(state).toBe('forbidden');
    expect(bob.page.url()).toContain(`#/${CLUSTER}/pods`);
    expect(await bob.visibleKeys()).toEqual([]);
  });
});
