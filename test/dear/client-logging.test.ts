import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DearCredentialsError, DearNetworkError } from '../../main/dear/errors.js';
import { configureLogging } from '../../main/log/logger.js';
import { SAMPLE_APPLICATION_KEY, type DearSimulator } from '../../main/simulators/dear/server.js';
import { clientFor, startSampleSimulator } from './helpers.js';

let sim: DearSimulator;
let logDir: string;

beforeAll(async () => {
  logDir = await mkdtemp(join(tmpdir(), 'dear-log-'));
  configureLogging({ logDir, consoleLevel: false, fileLevel: 'debug' });
  sim = await startSampleSimulator();
});

afterAll(async () => {
  await sim.close();
  configureLogging({ consoleLevel: 'warn' });
  await rm(logDir, { recursive: true, force: true });
});

/** Reads the log once it contains `lastLine`, because electron-log may flush the file later. */
async function readLogWhenItHas(lastLine: string): Promise<string> {
  let text = '';
  for (let attempt = 0; attempt < 40 && !text.includes(lastLine); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    text = await readFile(join(logDir, 'agent.log'), 'utf8').catch(() => '');
  }
  return text;
}

describe('DearClient logging', () => {
  it('logs retries without the key', async () => {
    sim.control.setFaults({
      next: ['throttle-429', 'http-500', 'reset', 'reset', 'reset', 'reset'],
    });
    const client = clientFor(sim.url);

    await expect(client.me()).rejects.toBeInstanceOf(DearNetworkError);
    await expect(
      clientFor(sim.url, { applicationKey: 'f00dfeed-wrong-key' }).me(),
    ).rejects.toBeInstanceOf(DearCredentialsError);

    const text = await readLogWhenItHas('rejected the Account ID or Application Key');
    expect(text).toContain('Retrying GET me after throttled (429), attempt 1 of 4 failed, waiting');
    expect(text).toContain('Retrying GET me after server-error (500), attempt 2 of 4 failed');
    expect(text).toContain('Retrying GET me after network (ECONNRESET), attempt 3 of 4 failed');
    expect(text).toContain('GET me gave up after 4 attempts');
    expect(text).toContain('rejected the Account ID or Application Key');
    expect(text).not.toContain(SAMPLE_APPLICATION_KEY);
    expect(text).not.toContain('f00dfeed-wrong-key');
  });
});
