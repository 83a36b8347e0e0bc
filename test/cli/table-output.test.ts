import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CONTROL_PLACEHOLDER, formatTable, MAX_CELL_WIDTH } from '../../main/cli/output.js';
import { parseJson, PROJECT_ROOT, startCliWorld, type CliWorld } from './cli-harness.js';

const HOSTILE_NAME = 'Cups\u0000 \u001b[2J\u202egpj.exe \u009b31m end';

describe('formatTable', () => {
  it('replaces control characters', () => {
    const [, , row] = formatTable(['name', 'sku'], [[HOSTILE_NAME, 'A-1']]);
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(row).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(row).toContain(`Cups${CONTROL_PLACEHOLDER} ${CONTROL_PLACEHOLDER}[2J`);
  });

  it('truncates long cells with an ellipsis', () => {
    const lines = formatTable(
      ['name', 'sku'],
      [
        ['N'.repeat(5000), 'A-1'],
        ['short', 'B-2'],
      ],
    );
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(MAX_CELL_WIDTH + 10);
    expect(lines[2]).toContain(`${'N'.repeat(MAX_CELL_WIDTH - 1)}…`);
    expect(lines[3]?.trimEnd().endsWith('B-2')).toBe(true);
  });

  it('keeps the last column whole', () => {
    const reason = 'R'.repeat(200);
    const lines = formatTable(['order', 'reason'], [['UP-1', reason]]);
    expect(lines[2]).toContain(reason);
    expect(lines[1]?.length).toBeLessThanOrEqual(MAX_CELL_WIDTH + 10);
  });

  it('right-aligns counts', () => {
    const lines = formatTable(['entity', 'created'], [['products', 7]], ['created']);
    expect(lines[2]).toBe('products        7');
  });
});

describe('agent output', () => {
  let world: CliWorld;
  const longName = 'L'.repeat(5000);

  beforeAll(async () => {
    world = await startCliWorld();
    world.dear.control.addProducts([
      { SKU: 'LONG-NAME', Name: longName, PriceTier1: 10 },
      { SKU: 'HOSTILE-NAME', Name: HOSTILE_NAME, PriceTier1: 10 },
    ]);
  });
  afterAll(async () => {
    await world.close();
  });

  it('products list stays narrow and inert', async () => {
    const result = await world.agent(['products', 'list']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.some((line) => line.startsWith('LONG-NAME'))).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThan(300);
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(result.stdout).not.toMatch(/[\u0000\u001b\u009b\u202e]/);
    expect(result.stdout).toContain('…');
    expect(result.stdout).toContain(CONTROL_PLACEHOLDER);
  });

  it('products list --json keeps names exact', async () => {
    const result = await world.agent(['products', 'list', '--json']);
    expect(result.exitCode).toBe(0);
    const { products } = parseJson<{ products: { sku: string; name: string }[] }>(result);
    expect(products.find((product) => product.sku === 'LONG-NAME')?.name).toBe(longName);
    expect(products.find((product) => product.sku === 'HOSTILE-NAME')?.name).toBe(HOSTILE_NAME);
  });

  it('status ignores a closed pipe', async () => {
    // The reader of standard output goes away before the agent writes, as with `| head -3`.
    const child = spawn('npx', ['tsx', 'main/cli/agent.ts', 'status'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...world.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(exitCode).toBe(0);
  });
});
