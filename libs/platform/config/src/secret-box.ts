import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

// AES-256-GCM under the master key: provider secrets are stored and carried on the bus only in this form.
// Format: v1:<iv base64>:<auth tag base64>:<ciphertext base64>.
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromMasterKey(masterKey: string): SecretBox {
    return new SecretBox(decodeMasterKey(masterKey));
  }

  seal(plain: Record<string, string>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return [
      'v1',
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      ciphertext.toString('base64'),
    ].join(':');
  }

  open(sealed: string): Record<string, string> {
    const [version, iv, tag, ciphertext] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('unknown secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, string>;
  }
}

function decodeMasterKey(value: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('the master key must be 32 bytes, as 64 hex characters or base64');
  return key;
}

export const SecretsEnv = z.object({
  SECRETS_MASTER_KEY: z.string().refine(
    (value) => {
      try {
        decodeMasterKey(value);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be 32 bytes as 64 hex characters or base64 (e.g. `openssl rand -hex 32`)' },
  ),
});
