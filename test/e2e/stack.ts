import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../main/engine.js';
import { sampleSeed } from '../../main/sample/sample-merchant.js';
import { SettingsStore } from '../../main/settings/index.js';
import { startDearSimulator, type DearSimulator } from '../../main/simulators/dear/server.js';
import {
  startUpstockSimulator,
  type UpstockSimulator,
} from '../../main/simulators/upstock/server.js';
import { startWebBridge, type WebBridge } from '../../main/web-bridge/server.js';

/** Everything the window talks to in the end-to-end test, all on 127.0.0.1. */
export interface Stack {
  dear: DearSimulator;
  upstock: UpstockSimulator;
  engine: Engine;
  bridge: WebBridge;
  close(): Promise<void>;
}

/**
 * Starts the Cin7 Core simulator with the sample merchant, the Upstock simulator, a real
 * engine on a temporary data folder with the orders and shipments jobs, and the web bridge
 * serving the built window. The engine gets no keychain, so connecting keeps the secrets in
 * memory only.
 */
export async function startStack(rendererDir: string): Promise<Stack> {
  const root = await mkdtemp(join(tmpdir(), 'uds-e2e-'));
  const dear = await startDearSimulator({ seed: sampleSeed() });
  const upstock = await startUpstockSimulator();
  const engine = createEngine({
    dataDir: join(root, 'data'),
    settingsStore: new SettingsStore({ cwd: join(root, 'settings') }),
    dearBaseUrl: dear.url,
    upstockBaseUrl: upstock.url,
    timeoutMs: 10_000,
  });
  await engine.start();
  const bridge = await startWebBridge({ engine, rendererDir });

  return {
    dear,
    upstock,
    engine,
    bridge,
    close: async () => {
      await bridge.close();
      await engine.stop();
      await upstock.close();
      await dear.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
