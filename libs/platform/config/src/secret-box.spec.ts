import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config';
import { SecretBox, SecretsEnv } from './secret-box';

const hexKey = randomBytes(32).toString('hex');

describe(SecretBox.name, () => {
  it('round-trips secrets and never shows them in the sealed text', () => {
    const box = SecretBox.fromMasterKey(hexKey);
    const sealed = box.seal({ apikey: 'sk-very-secret' });
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('sk-very-secret');
    expect(box.open(sealed)).toEqual({ apikey: 'sk-very-secret' });
  });

  it('uses a fresh nonce each time', () => {
    const box = SecretBox.fromMasterKey(hexKey);
    expect(box.seal({ a: 'b' })).not.toBe(box.seal({ a: 'b' }));
  });

  it('refuses a tampered ciphertext and a different key', () => {
    const box = SecretBox.fromMasterKey(hexKey);
    const sealed = box.seal({ apikey: 'x' });
    const parts = sealed.split(':');
    const tampered = [...parts.slice(0, 3), Buffer.from('tampered').toString('base64')].join(':');
    expect(() => box.open(tampered)).toThrow();
    expect(() => SecretBox.fromMasterKey(randomBytes(32).toString('base64')).open(sealed)).toThrow();
  });

  it('accepts base64 keys and rejects short ones by name', () => {
    expect(() => SecretBox.fromMasterKey(randomBytes(32).toString('base64'))).not.toThrow();
    expect(() => loadConfig(SecretsEnv, { SECRETS_MASTER_KEY: 'short' })).toThrow(/SECRETS_MASTER_KEY/);
    expect(() => loadConfig(SecretsEnv, {})).toThrow(/SECRETS_MASTER_KEY/);
  });
});
