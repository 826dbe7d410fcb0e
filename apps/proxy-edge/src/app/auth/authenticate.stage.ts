import { ProxyError } from '../request/proxy-error';
import type { Authenticated, Routed } from '../request/request-context';
import { hasExpired } from './access-rules';
import { gatewayKeyOf } from './gateway-key';
import type { KeyLookup } from './key-directory';

// Stage 2: the gateway key the request carries, known (in memory, or found by a bounded lookup when the
// read model does not hold it yet), not revoked, not expired.
export class AuthenticateStage {
  constructor(
    private readonly keys: Pick<KeyLookup, 'findByRawKey'>,
    private readonly now: () => number = Date.now,
  ) {}

  async run(ctx: Routed): Promise<Authenticated> {
    const raw = gatewayKeyOf(ctx.req.headers);
    if (!raw) throw new ProxyError('missing_api_key', 'no API key in x-api-key, api-key or Authorization');
    const key = await this.keys.findByRawKey(raw);
    if (!key) throw new ProxyError('invalid_api_key', 'API key is not recognised');
    const authenticated = Object.assign(ctx, { key });
    if (key.revoked) throw new ProxyError('revoked_api_key', 'API key has been revoked');
    // Decided here, at once: auth-limit also has the key revoked (reason "expired"), but no request waits for it.
    if (hasExpired(key.limits.expiresAt, this.now()))
      throw new ProxyError('expired_api_key', 'API key has expired');
    return authenticated;
  }
}
