import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPg } from '@tollgate/testing';
import { startAdminTestApp, type AdminTestApp } from '../admin-test-app.test-support';

const CREDENTIALS = {
  awsAccessKeyId: 'TESTONLYBEDROCKKEY01',
  awsSecretAccessKey: 'bedrock-secret-never-returned',
  awsSessionToken: 'bedrock-session-never-returned',
};

// A Bedrock provider setting (BricksLLM's awsAccessKeyId, awsSecretAccessKey, awsRegion, plus a session
// token): the credentials sealed at rest and never answered, the region checked, on a real PostgreSQL.
describe('Bedrock provider settings (real PostgreSQL)', () => {
  let admin: AdminTestApp;

  beforeAll(async () => {
    admin = await startAdminTestApp();
  });

  afterAll(() => admin?.close());

  const secretsOf = async (id: unknown) =>
    (
      await withPg(admin.databaseUrl, (pg) =>
        pg.query<{ secrets_ciphertext: string; setting: unknown }>(
          'SELECT secrets_ciphertext, setting FROM provider_settings WHERE id = $1',
          [id],
        ),
      )
    ).rows[0];

  it('seals the AWS credentials and never returns them, on create, read and update', async () => {
    const created = await admin.call('PUT', '/api/provider-settings', {
      provider: 'bedrock',
      setting: { ...CREDENTIALS, awsRegion: 'us-east-1' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ provider: 'bedrock', setting: { awsRegion: 'us-east-1' } });
    const stored = await secretsOf(created.body['id']);
    expect(stored?.secrets_ciphertext).toMatch(/^v1:/);
    for (const value of Object.values(CREDENTIALS)) {
      expect(JSON.stringify(created.body)).not.toContain(value);
      expect(stored?.secrets_ciphertext).not.toContain(value);
      expect(JSON.stringify(stored?.setting)).not.toContain(value);
    }
    const read = await admin.call('GET', `/api/provider-settings?ids=${String(created.body['id'])}`);
    const patched = await admin.call('PATCH', `/api/provider-settings/${String(created.body['id'])}`, {
      setting: { awsRegion: 'eu-west-1' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ setting: { awsRegion: 'eu-west-1' } });
    for (const text of [JSON.stringify(read.body), JSON.stringify(patched.body)])
      for (const value of Object.values(CREDENTIALS)) expect(text).not.toContain(value);
  });

  it('answers 400 naming each missing or malformed Bedrock field', async () => {
    const missing = await admin.call('PUT', '/api/provider-settings', {
      provider: 'bedrock',
      setting: { awsAccessKeyId: 'TESTONLYBEDROCKKEY01' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body['detail']).toContain('setting.awsSecretAccessKey: required for bedrock');
    expect(missing.body['detail']).toContain('setting.awsRegion: required for bedrock');
    const badRegion = await admin.call('PUT', '/api/provider-settings', {
      provider: 'bedrock',
      setting: { ...CREDENTIALS, awsRegion: 'evil.example.com/' },
    });
    expect(badRegion.status).toBe(400);
    expect(badRegion.body['detail']).toContain('setting.awsRegion: must be an AWS region');
  });

  it('refuses AWS credentials on another provider’s setting', async () => {
    const res = await admin.call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1', awsRegion: 'us-east-1' },
    });
    expect(res.status).toBe(400);
    expect(res.body['detail']).toContain('setting.awsRegion: only Bedrock settings take AWS credentials');
  });
});
