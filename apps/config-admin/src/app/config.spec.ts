import { describe, expect, it } from 'vitest';
import { loadConfig } from '@tollgate/platform-config';
import { ConfigAdminEnv } from './config';

const REQUIRED = { SECRETS_MASTER_KEY: 'ab'.repeat(32) };

describe('ConfigAdminEnv', () => {
  it('refuses an ADMIN_PASS shorter than 20 characters, naming the variable and not the value', () => {
    expect(() => loadConfig(ConfigAdminEnv, { ...REQUIRED, ADMIN_PASS: 'short-admin-pass' })).toThrowError(
      /ADMIN_PASS: must be at least 20 characters/,
    );
    try {
      loadConfig(ConfigAdminEnv, { ...REQUIRED, ADMIN_PASS: 'nineteen-characters' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('nineteen-characters');
    }
  });

  it('accepts an ADMIN_PASS of 20 characters', () => {
    expect(loadConfig(ConfigAdminEnv, { ...REQUIRED, ADMIN_PASS: 'x'.repeat(20) }).ADMIN_PASS).toBe(
      'x'.repeat(20),
    );
  });

  it('reads ADMIN_CORS_ORIGINS as a list of origins, none by default, and refuses one with a path', () => {
    const base = { ...REQUIRED, ADMIN_PASS: 'x'.repeat(20) };
    expect(loadConfig(ConfigAdminEnv, base).ADMIN_CORS_ORIGINS).toEqual([]);
    expect(
      loadConfig(ConfigAdminEnv, { ...base, ADMIN_CORS_ORIGINS: 'https://a.example, http://localhost:3000' })
        .ADMIN_CORS_ORIGINS,
    ).toEqual(['https://a.example', 'http://localhost:3000']);
    expect(() =>
      loadConfig(ConfigAdminEnv, { ...base, ADMIN_CORS_ORIGINS: 'https://a.example/admin' }),
    ).toThrowError(/ADMIN_CORS_ORIGINS/);
  });
});
