import { AsyncEntry } from '@napi-rs/keyring';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { maskSecrets } from '../../main/log/logger.js';
import { CredentialVault, VAULT_ACCOUNTS } from '../../main/vault/credential-vault.js';

// A unique service per run, so the tests never read or delete a merchant's real items.
const service = `upstock-dear-sync-test-${process.pid}-${randomUUID()}`;
const probe = fileURLToPath(new URL('./fixtures/vault-probe.ts', import.meta.url));
const hasSessionBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

/** Reads an item directly through @napi-rs/keyring, bypassing the vault. */
async function readItem(account: string): Promise<string | null> {
  const entry = new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  return entry.getPassword();
}

/** Returns the files under `dir` whose bytes contain `text`. */
function filesContaining(dir: string, text: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => readFileSync(path).includes(text));
}

type ProbeResult = { ok: true; value: unknown } | { ok: false; name: string; message: string };

function runProbe(
  operation: 'set' | 'get' | 'clear',
  env: NodeJS.ProcessEnv,
  wrapper: string[] = [],
): ProbeResult {
  const command = [...wrapper, process.execPath, '--import', 'tsx', probe, service, operation];
  const child = spawnSync(command[0]!, command.slice(1), {
    encoding: 'utf8',
    env,
    timeout: 45_000,
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{')) {
    throw new Error(`vault probe printed no result; stderr: ${child.stderr}`);
  }
  return JSON.parse(line) as ProbeResult;
}

describe.skipIf(!hasSessionBus)('CredentialVault with Secret Service', () => {
  const vault = new CredentialVault({ service });

  afterAll(async () => {
    await vault.clear();
  });

  it('stores and reads the Cin7 Core key', async () => {
    expect(await vault.getDearKey()).toBeNull();
    await vault.setDearKey('8d1e0c5a-dear-key-0001');
    expect(await vault.getDearKey()).toBe('8d1e0c5a-dear-key-0001');
    expect(await readItem(VAULT_ACCOUNTS.dearApplicationKey)).toBe('8d1e0c5a-dear-key-0001');
  });

  it('stores and replaces the Upstock token', async () => {
    await vault.setUpstockToken('ups_token_first');
    await vault.setUpstockToken('ups_token_second');
    expect(await vault.getUpstockToken()).toBe('ups_token_second');
    expect(await readItem('upstock-token')).toBe('ups_token_second');
  });

  it('masks secrets it has read in log text', async () => {
    const direct = new AsyncEntry(service, VAULT_ACCOUNTS.upstockToken, {
      linux: { store: 'secret-service' },
    });
    await direct.setPassword('ups_written_elsewhere_42');
    expect(maskSecrets('token ups_written_elsewhere_42')).toContain('ups_written_elsewhere_42');

    expect(await vault.getUpstockToken()).toBe('ups_written_elsewhere_42');
    expect(maskSecrets('token ups_written_elsewhere_42')).toBe('token ********');
  });

  it('masks secrets it has written', async () => {
    await vault.setDearKey('written-key-7f3a91');
    expect(maskSecrets('key=written-key-7f3a91')).toBe('key=********');
  });

  it('rejects an empty secret', async () => {
    await expect(vault.setDearKey('  ')).rejects.toThrow(/empty/);
  });

  it('clears both secrets', async () => {
    await vault.setDearKey('key-to-clear-000');
    await vault.setUpstockToken('token-to-clear-000');
    await vault.clear();
    expect(await vault.getDearKey()).toBeNull();
    expect(await vault.getUpstockToken()).toBeNull();
    expect(await readItem(VAULT_ACCOUNTS.dearApplicationKey)).toBeNull();
    await expect(vault.clear()).resolves.toBeUndefined();
  });

  it('keeps items apart per service', async () => {
    const other = new CredentialVault({ service: `${service}-other` });
    await vault.setDearKey('first-service-key');
    expect(await other.getDearKey()).toBeNull();
    await other.clear();
  });
});

describe.skipIf(process.platform !== 'linux')('CredentialVault without a keychain', () => {
  const home = mkdtempSync(join(tmpdir(), 'uds-vault-home-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it.each(['set', 'get', 'clear'] as const)(
    'raises KeychainUnavailableError on %s',
    (operation) => {
      const result = runProbe(operation, {
        ...process.env,
        HOME: home,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.name).toBe('KeychainUnavailableError');
      expect(result.message).toContain('dear-application-key');
      expect(result.message).toMatch(/gnome-keyring/);
      expect(result.message).toMatch(/DEAR_APPLICATION_KEY and UPSTOCK_API_TOKEN/);
      expect(result.message).toMatch(/nonexistent/);
    },
  );

  it('writes no plain-text fallback', () => {
    runProbe('set', {
      ...process.env,
      HOME: home,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    });
    expect(readdirSync(home)).toEqual([]);
  });

  const canStartLockedKeyring =
    spawnSync('sh', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon'])
      .status === 0;

  it.skipIf(!canStartLockedKeyring)('raises KeychainUnavailableError when locked', () => {
    // A fresh session bus where gnome-keyring starts on demand with no unlocked collection.
    const lockedHome = mkdtempSync(join(tmpdir(), 'uds-vault-locked-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: lockedHome };
      delete env.DBUS_SESSION_BUS_ADDRESS;
      const result = runProbe('set', env, ['dbus-run-session', '--']);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.name).toBe('KeychainUnavailableError');
      expect(filesContaining(lockedHome, 'probe-application-key-0001')).toEqual([]);
    } finally {
      rmSync(lockedHome, { recursive: true, force: true });
    }
  });
});
