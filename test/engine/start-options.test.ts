import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../main/engine.js';
import { SettingsStore } from '../../main/settings/index.js';
import { EnvCredentialSource } from '../../main/vault/index.js';

const engines: Engine[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Creates an engine over a new data folder, with environment credentials; calls no service. */
function newEngine(): Engine {
  const dataDir = mkdtempSync(join(tmpdir(), 'uds-engine-start-'));
  dirs.push(dataDir);
  const engine = createEngine({
    dataDir,
    settingsStore: new SettingsStore({ cwd: dataDir }),
    envCredentials: new EnvCredentialSource({
      DEAR_ACCOUNT_ID: 'account-1',
      DEAR_APPLICATION_KEY: 'key-that-is-never-sent',
      UPSTOCK_API_TOKEN: 'token-that-is-never-sent',
    }),
    dearBaseUrl: 'http://127.0.0.1:9/',
    upstockBaseUrl: 'http://127.0.0.1:9/',
  });
  engines.push(engine);
  return engine;
}

/** Returns the cron tasks the scheduler created, which it names "sync-<schedule>". */
function syncTasks(): string[] {
  return [...cron.getTasks().values()]
    .map((task) => task.name ?? '')
    .filter((name) => name.startsWith('sync-'));
}

describe('engine.start', () => {
  it('connects without scheduling when schedule is false', async () => {
    const engine = newEngine();
    const before = syncTasks().length;

    await engine.start({ schedule: false });

    expect(syncTasks()).toHaveLength(before);
    expect(engine.clients()).not.toBeNull();
    const status = engine.status();
    expect(status.dear.connected).toBe(true);
    expect(status.jobs.every((job) => job.nextRunAt === null)).toBe(true);
    // Changing the schedules does not start the scheduler behind the command's back.
    engine.updateSettings({ schedules: { orders: '*/5 * * * *' } });
    expect(syncTasks()).toHaveLength(before);
  });

  it('schedules by default', async () => {
    const engine = newEngine();
    const before = syncTasks().length;

    await engine.start();

    expect(syncTasks().length).toBeGreaterThan(before);
    expect(engine.status().jobs.some((job) => job.nextRunAt !== null)).toBe(true);
    await engine.stop();
    expect(syncTasks()).toHaveLength(before);
  });
});
