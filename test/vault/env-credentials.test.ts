import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../main/log/logger.js';
import { EnvCredentialSource } from '../../main/vault/env-credentials.js';

describe('EnvCredentialSource', () => {
  it('reads the three variables', async () => {
    const source = new EnvCredentialSource({
      DEAR_ACCOUNT_ID: ' 5c1f-account ',
      DEAR_APPLICATION_KEY: 'env-dear-key-123456',
      UPSTOCK_API_TOKEN: 'env-upstock-token-123456',
    });
    expect(source.getDearAccountId()).toBe('5c1f-account');
    expect(await source.getDearKey()).toBe('env-dear-key-123456');
    expect(await source.getUpstockToken()).toBe('env-upstock-token-123456');
    expect(source.missing()).toEqual([]);
  });

  it('treats unset and blank as missing', async () => {
    const source = new EnvCredentialSource({ DEAR_APPLICATION_KEY: '   ' });
    expect(source.getDearAccountId()).toBeNull();
    expect(await source.getDearKey()).toBeNull();
    expect(await source.getUpstockToken()).toBeNull();
    expect(source.missing()).toEqual([
      'DEAR_ACCOUNT_ID',
      'DEAR_APPLICATION_KEY',
      'UPSTOCK_API_TOKEN',
    ]);
  });

  it('ignores similar variable names', async () => {
    const source = new EnvCredentialSource({
      DEAR_KEY: 'not-read-123456',
      UPSTOCK_TOKEN: 'not-read-654321',
    });
    expect(await source.getDearKey()).toBeNull();
    expect(await source.getUpstockToken()).toBeNull();
  });

  it('registers secrets it reads for masking', async () => {
    const source = new EnvCredentialSource({
      DEAR_APPLICATION_KEY: 'mask-me-dear-9f8e7d',
      UPSTOCK_API_TOKEN: 'mask-me-upstock-1a2b3c',
    });
    expect(maskSecrets('mask-me-dear-9f8e7d')).toBe('mask-me-dear-9f8e7d');
    await source.getDearKey();
    await source.getUpstockToken();
    expect(maskSecrets('a=mask-me-dear-9f8e7d b=mask-me-upstock-1a2b3c')).toBe(
      'a=******** b=********',
    );
  });
});
