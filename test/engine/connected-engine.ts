import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../main/engine.js';
import { SettingsStore } from '../../main/settings/index.js';
import { SAMPLE_ACCOUNT_ID, SAMPLE_APPLICATION_KEY } from '../../main/simulators/dear/server.js';
import type { OrdersWorld } from '../orders/fixtures/harness.js';

/**
 * Starts an engine in a new temp data folder, connected to both simulators of `world` with the
 * sample credentials and a rate limit high enough that tests never wait on it.
 */
export async function startConnectedEngine(
  world: OrdersWorld,
  folderPrefix: string,
): Promise<{ engine: Engine; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
  const engine = createEngine({
    dataDir,
    settingsStore: new SettingsStore({ cwd: dataDir }),
    dearBaseUrl: world.dearSim.url,
    upstockBaseUrl: world.upstockSim.url,
    rateLimit: { callsPerWindow: 10_000, windowMs: 1_000 },
  });
  await engine.start();
  await engine.connectDear({
    accountId: SAMPLE_ACCOUNT_ID,
    applicationKey: SAMPLE_APPLICATION_KEY,
  });
  await engine.connectUpstock(world.upstockSim.token);
  return { engine, dataDir };
}
