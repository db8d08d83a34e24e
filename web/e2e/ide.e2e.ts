import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployment, event, pod, replicaSet } from './fixtures';
import { Ide, launchChromium, waitForCount, waitForText } from './ide';
import { MockBackend } from './mockBackend';

const WEBROOT = join(import.meta.dirname, '..', 'target', 'classes', 'webroot');

let browser: Browser;
let backend: MockBackend;
let ide: Ide;

beforeAll(async () => {
  if (!existsSync(join(WEBROOT, 'index.html'))) {
    throw new Error(`no built IDE in ${WEBROOT}: run "npm run build" first`);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  backend = await MockBackend.start({
    webroot: WEBROOT,
    demo: true,
    users: { alice: { password: 'alice-pw' }, bob: { password: 'bob-pw', forbidden: ['secrets', 'deployments.apps'] } },
  });
  backend.addCluster('c1', {
    pods: [
      pod('shop', 'web-1', { owner: 'web-5d8' }),
      pod('shop', 'web-2', { owner: 'web-5d8' }),
      pod('billing', 'api-1', { restarts: 3 }),
    ],
    'deployments.apps': [deployment('shop', 'web')],
    'replicasets.apps': [replicaSet('shop', 'web-5d8', 'web')],
    secrets: [{ metadata: { name: 'token', namespace: 'shop' }, type: 'Opaque', data: ['token'] }],
    events: [event('shop', 'web.1', 'Deployment', 'web', 'ScalingReplicaSet', 'Scaled up replica set web-5d8 to 2')],
  });
  backend.addCluster('c2', { pods: [pod('ops', 'runner-1')] });
  ide = await Ide.open(browser, backend.url);
});

afterEach(async (context) => {
  // Here rather than in onTestFailed, which runs after this hook has closed the page.
  if (context.task.result?.state === 'fail') {
    console.error(`screenshot of the failure: ${await ide.screenshot(context.task.name)}`);
  }
  await ide?.close();
  await backend?.stop();
});

async function signedInAsAlice(hash = '') {
  await ide.signIn('alice', 'alice-pw');
  if (hash !== '') await ide.goto(hash);
}

describe('signing in', () => {
  it("refuses a wrong password with the Backend's reason, then opens the pods of the first cluster", async () => {
    await ide.submitSignIn('alice', 'nope');
    await waitForText(ide.page.getByRole('alert'), 'Wrong user or password.');

    await ide.signIn('alice', 'alice-pw');
    await ide.waitForRow('shop/web-1');
    expect(ide.page.url()).toContain('#/c1/pods');
    await waitForText(ide.page.getByRole('note'), 'Demo mode');
    expect(await ide.visibleKeys()).toEqual(['billing/api-1', 'shop/web-1', 'shop/web-2']);
  });

  it('signs out back to the sign-in page', async () => {
    await signedInAsAlice();
    await ide.page.getByRole('button', { name: 'Sign out' }).click();
    await ide.page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});

describe('live updates', () => {
  it('shows a created pod within a second and removes a deleted one', async () => {
    await signedInAsAlice();
    await ide.waitForRow('shop/web-1');

    const started = Date.now();
    backend.upsert('c1', 'pods', pod('shop', 'web-3'));
    await ide.waitForRow('shop/web-3', 1000);
    expect(Date.now() - started).toBeLessThan(1000);

    backend.remove('c1', 'pods', 'shop/web-1');
    await ide.waitForNoRow('shop/web-1', 1000);
    await ide.waitForSyncState('live');
  });

  it('flashes a row whose object changed, and only that row', async () => {
    await signedInAsAlice();
    await ide.waitForRow('shop/web-2');
    backend.upsert('c1', 'pods', pod('shop', 'web-2', { owner: 'web-5d8', restarts: 7 }));
    await waitForText(ide.row('shop/web-2'), '7');

    const flashing = () =>
      ide.page
        .locator('.grid-body [role="row"]')
        .evaluateAll((rows) =>
          rows
            .filter((r) => Number(getComputedStyle(r, '::before').opacity) > 0)
            .map((r) => r.getAttribute('data-key')),
        );
    expect(await flashing()).toEqual(['shop/web-2']);
    // Briefly: the flash is gone a second later.
    await new Promise((r) => setTimeout(r, 1200));
    expect(await flashing()).toEqual([]);
  });

  it('heals a gap with a snapshot and ends in the right state', async () => {
    await signedInAsAlice();
    await ide.waitForRow('shop/web-1');

    backend.loseNextDelta();
    backend.upsert('c1', 'pods', pod('shop', 'lost-in-transit'));
    backend.upsert('c1', 'pods', pod('shop', 'after-the-gap'));

    await ide.waitForRow('shop/lost-in-transit');
    await ide.waitForRow('shop/after-the-gap');
    await ide.waitForSyncState('live');
    expect(backend.requests).toContain('alice resync c1 pods');
    expect(await ide.visibleKeys()).toEqual([
      'billing/api-1',
      'shop/after-the-gap',
      'shop/lost-in-transit',
      'shop/web-1',
      'shop/web-2',
    ]);
  });
});

describe('big clusters', () => {
  it('keeps 100,000 rows virtual, scrolls to the last one and sorts them', async () => {
    backend.addCluster('big', {
      pods: Array.from({ length: 100_000 }, (_, n) => pod(`ns-${n % 50}`, `pod-${n}`, { restarts: n % 97 })),
    });
    await signedInAsAlice('#/big/pods');
    await waitForText(ide.page.locator('.count'), '100,000', 20_000);
    expect(await ide.page.locator('.grid-body [role="row"]').count()).toBeLessThan(80);

    await ide.page.locator('.grid-body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
    await ide.waitForRow('ns-49/pod-99999');

    await ide.page.getByRole('button', { name: 'Restarts' }).click();
    await ide.page.getByRole('button', { name: 'Restarts' }).click();
    await ide.page.locator('.grid-body').evaluate((body) => body.scrollTo(0, 0));
    await waitForText(ide.page.locator('.grid-body [role="row"]').first(), '96');
  });
});

describe('access', () => {
  it('shows a forbidden deep link as a clear message, with no data', async () => {
    await ide.page.goto(`${backend.url}/#/c1/secrets`);
    await ide.signIn('bob', 'bob-pw');

    const alert = ide.page.getByRole('alert');
    await waitForText(alert, 'No access to Secrets in c1');
    await waitForText(alert, 'no rule grants bob secrets in c1');
    await ide.waitForSyncState('forbidden');
    expect(await ide.visibleKeys()).toEqual([]);
    await waitForText(ide.page.getByRole('link', { name: /Secrets/ }), 'no access');
  });
});

describe('connection trouble', () => {
  it('shows stale data plainly while the Backend is away, and is live again after it returns', async () => {
    await signedInAsAlice();
    await ide.waitForRow('shop/web-1');

    backend.dropConnections(true);
    await ide.waitForSyncState('STALE');
    await waitForText(ide.page.locator('.banner.stale'), 'Backend is unreachable');
    expect(await ide.visibleKeys()).toContain('shop/web-1');

    backend.upsert('c1', 'pods', pod('shop', 'made-while-away'));
    backend.acceptConnections();
    await ide.waitForSyncState('live', 10_000);
    await ide.waitForRow('shop/made-while-away');
  });

  it("shows stale while the cluster's Agent is away, then resyncs after its restart", async () => {
    await signedInAsAlice();
    await ide.waitForRow('shop/web-1');

    backend.agentAway('c1');
    await ide.waitForSyncState('STALE');
    await waitForText(ide.page.locator('.banner.stale'), 'Agent of cluster c1 is disconnected');

    backend.remove('c1', 'pods', 'shop/web-2');
    backend.agentBack('c1', true);
    await ide.waitForNoRow('shop/web-2');
    await ide.waitForSyncState('live');
  });
});

describe('exploring', () => {
  it('opens a deployment with its replica sets, their pods, its events and its YAML', async () => {
    await signedInAsAlice('#/c1/deployments.apps?sel=shop%2Fweb');
    const panel = ide.page.getByRole('complementary');
    await waitForText(panel.getByRole('heading', { level: 2 }), 'web');
    await panel.getByRole('link', { name: 'web-5d8' }).waitFor();
    await panel.getByRole('link', { name: 'web-1' }).waitFor();
    await waitForText(panel, 'Scaled up replica set web-5d8 to 2');
    await waitForText(panel.locator('pre.yaml'), 'kind: Deployment');

    await panel.getByRole('link', { name: 'web-1' }).click();
    await waitForText(panel.getByRole('heading', { level: 2 }), 'web-1');
    expect(ide.page.url()).toContain('#/c1/pods?sel=shop%2Fweb-1');
    await panel.getByRole('link', { name: 'web-5d8' }).waitFor();

    await ide.page.goBack();
    await waitForText(panel.getByRole('heading', { level: 2 }), 'Deployment');
  });

  it('filters by text, label selector and namespace, all kept in the URL', async () => {
    await signedInAsAlice();
    await ide.waitForRow('shop/web-1');
    await ide.page.keyboard.press('/');
    await ide.page.keyboard.type('web');
    await expect.poll(() => ide.visibleKeys()).toEqual(['shop/web-1', 'shop/web-2']);
    await ide.page.getByPlaceholder(/Label selector/).fill('app=api');
    await expect.poll(() => ide.visibleKeys()).toEqual([]);
    await ide.page.getByPlaceholder(/Label selector/).fill('app in (');
    await waitForText(ide.page.getByRole('alert'), 'expected');
    expect(decodeURIComponent(ide.page.url())).toContain('q=web');
  });

  it('moves with j and k, opens with Enter, closes with Escape', async () => {
    await signedInAsAlice();
    await ide.waitForRow('shop/web-1');
    await ide.page.locator('body').click({ position: { x: 5, y: 5 } });
    await ide.page.keyboard.press('j');
    await ide.page.keyboard.press('j');
    await ide.page.keyboard.press('k');
    await ide.page.keyboard.press('ArrowDown');
    await ide.page.keyboard.press('Enter');
    await waitForText(ide.page.getByRole('complementary').getByRole('heading', { level: 2 }), 'web-1');
    await ide.page.keyboard.press('Escape');
    await ide.page.keyboard.press('Escape');
    await waitForCount(ide.page.getByRole('complementary'), 0);
    expect(await ide.page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
  });

  it('jumps to a resource of another cluster and to an object with the command palette', async () => {
    await signedInAsAlice();
    await ide.waitForRow('shop/web-1');
    await ide.page.keyboard.press('Control+k');
    await ide.page.keyboard.type('pods c2');
    await ide.page.keyboard.press('Enter');
    await ide.waitForRow('ops/runner-1');
    expect(ide.page.url()).toContain('#/c2/pods');

    await ide.page.keyboard.press('Control+k');
    await ide.page.keyboard.type('runner');
    await ide.page.keyboard.press('ArrowDown');
    await ide.page.getByRole('option', { name: /runner-1/ }).click();
    await waitForText(ide.page.getByRole('complementary'), 'runner-1');
  });
});
