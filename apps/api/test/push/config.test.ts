import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const base = () => ({ NODE_ENV: 'test', JWT_SECRET: 'test-secret-test-secret-test-secret-42', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cabinet-vapid-')) });

describe('Web Push configuration', () => {
  it('when no VAPID keys are given outside production, then a pair is made once under DATA_DIR and every worker reads the same', () => {
    const env = base();
    const first = loadConfig(env).push.vapid!;
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(first.privateKey, 'base64url')).toHaveLength(32);
    expect(loadConfig(env).push.vapid).toEqual(first);
  });

  it('when production has no VAPID keys, then push is off; half a pair or a bad key stops the start naming the variable', () => {
    expect(loadConfig({ ...base(), NODE_ENV: 'production' }).push.vapid).toBeNull();
    const pair = loadConfig(base()).push.vapid!;
    expect(() => loadConfig({ ...base(), VAPID_PUBLIC_KEY: pair.publicKey })).toThrow(/VAPID_PRIVATE_KEY: VAPID keys come as a pair/);
    expect(() => loadConfig({ ...base(), VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: pair.privateKey })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base(), VAPID_SUBJECT: 'support@cabinet.example' })).toThrow(/VAPID_SUBJECT/);
    const given = loadConfig({ ...base(), NODE_ENV: 'production', VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: 'https://cabinet.example/contact' }).push;
    expect(given).toMatchObject({ vapid: { ...pair, subject: 'https://cabinet.example/contact' }, allowHttp: false });
  });
});
