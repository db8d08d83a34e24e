// @ts-check
/**
 * Runs `npm ci` only when node_modules does not match package-lock.json: Maven calls this on
 * every build, and a clean install costs tens of seconds that an unchanged lockfile never needs.
 * The stamp records the lockfile's hash and Node's version, and is written only after `npm ci`
 * succeeded, so an interrupted install is redone next time.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const stampFile = join(root, 'node_modules', '.octokube-install-stamp');
const lock = readFileSync(join(root, 'package-lock.json'));
const stamp = `${createHash('sha256').update(lock).digest('hex')} node-${process.version}`;

if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log('[octokube-web] node_modules matches package-lock.json; skipping npm ci');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, stamp);
}
