import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import type { SandboxSummary } from '../../main/cli/sandbox/run-sandbox.js';
import { SAMPLE_APPLICATION_KEY } from '../../main/simulators/dear/server.js';
import { defaultToken } from '../../main/simulators/upstock/server.js';
import { parseJson, runCli, type CommandResult } from './cli-harness.js';

const SECRETS = [SAMPLE_APPLICATION_KEY, defaultToken];

/** Lists every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Returns `file: secret` for each secret found in the bytes of each file (UTF-8 and UTF-16LE). */
function secretsInFiles(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const secret of SECRETS) {
      if (
        bytes.includes(Buffer.from(secret, 'utf8')) ||
        bytes.includes(Buffer.from(secret, 'utf16le'))
      ) {
        found.push(`${file}: ${secret}`);
      }
    }
  }
  return found;
}

/** Returns `table: secret` for each secret found in any row of any table of the database. */
function secretsInTables(databaseFile: string): { tables: number; rows: number; found: string[] } {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    const found: string[] = [];
    let rows = 0;
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate()) {
        rows += 1;
        const text = JSON.stringify(row, (_key, value: unknown) =>
          Buffer.isBuffer(value) ? value.toString('latin1') : value,
        );
        for (const secret of SECRETS) if (text.includes(secret)) found.push(`${name}: ${secret}`);
      }
    }
    return { tables: tables.length, rows, found };
  } finally {
    db.close();
  }
}

describe('sandbox --once --json', () => {
  let dataDir: string;
  let result: CommandResult;
  let summary: SandboxSummary;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'uds-sandbox-test-'));
    result = await runCli('main/cli/sandbox.ts', ['--once', '--json', '--data-dir', dataDir]);
    summary = parseJson<SandboxSummary>(result);
  }, 180_000);

  it('exits 0 with a successful summary', () => {
    expect(result.stderr).not.toContain('Error:');
    expect(result.exitCode).toBe(0);
    expect(summary.ok).toBe(true);
    expect(summary.dataDir).toBe(dataDir);
  });

  it('imports the selected stock products', () => {
    expect(summary.selectedProducts).toBeGreaterThan(0);
    expect(summary.servicesLeftOut).toBeGreaterThan(0);
    expect(summary.import.ok).toBe(true);
    expect(summary.import.entities.products?.created).toBe(summary.selectedProducts);
    expect(summary.import.entities.customers?.created).toBeGreaterThan(0);
    expect(summary.import.entities.priceLists?.created).toBeGreaterThan(0);
    expect(summary.apiCalls.dear).toBeGreaterThan(0);
    expect(summary.apiCalls.upstock).toBeGreaterThan(0);
  });

  it('pushes, parks and ships the sample orders', () => {
    expect(summary.orders.length).toBeGreaterThanOrEqual(4);
    for (const order of summary.orders) expect(order.asExpected, JSON.stringify(order)).toBe(true);

    const shipped = summary.orders.find((order) => order.expected === 'shipped');
    expect(shipped?.upstockStatus).toBe('shipped');
    expect(shipped?.shipments[0]?.trackingNumbers.length).toBeGreaterThan(0);
    const parked = summary.orders.find((order) => order.expected === 'parked');
    expect(parked?.ledgerState).toBe('parked');
    expect(parked?.parkReason).toMatch(/currency/i);
    expect(parked?.saleNumber).toBeNull();
  });

  it('prints progress lines on standard error', () => {
    expect(result.stderr).toMatch(/products: sending products to Upstock \d+\/\d+/);
  });

  it('leaks no secret into logs, settings, database or output', () => {
    const files = filesUnder(dataDir);
    const logFile = join(dataDir, 'logs', 'agent.log');
    expect(files).toContain(logFile);
    expect(files).toContain(join(dataDir, 'settings.json'));
    expect(files).toContain(join(dataDir, 'agent.sqlite'));
    expect(readFileSync(logFile, 'utf8').split('\n').length).toBeGreaterThan(10);

    expect(secretsInFiles(files)).toEqual([]);
    const tables = secretsInTables(join(dataDir, 'agent.sqlite'));
    expect(tables.tables).toBeGreaterThan(3);
    expect(tables.rows).toBeGreaterThan(50);
    expect(tables.found).toEqual([]);
    for (const secret of SECRETS) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
  });

  it('secret scan finds a planted secret', () => {
    const planted = join(mkdtempSync(join(tmpdir(), 'uds-plant-')), 'plant.log');
    writeFileSync(planted, `token=${defaultToken}\n`);
    expect(secretsInFiles([planted])).toEqual([`${planted}: ${defaultToken}`]);
  });
});
