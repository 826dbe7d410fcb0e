import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { isAllowedUpstream, type AllowedUpstreamHost } from '@tollgate/platform-config';
import { CONFIG_ADMIN_CONFIG, type ConfigAdminConfig } from '../config';
import { forbiddenAddressReason, METADATA_HOST_NAMES } from './forbidden-address';

// Every address a host name resolves to; throws when it resolves to none.
export type HostResolver = (hostname: string) => Promise<string[]>;
export const HOST_RESOLVER = Symbol('HOST_RESOLVER');

const RESOLVE_TIMEOUT_MS = 3_000;

const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

// Refuses provider URLs aimed at loopback, private, link-local or metadata addresses, written as an address
// or as a host name resolving to one when the setting is written, unless UPSTREAM_ALLOW_HOSTS names the
// host. A name that does not resolve is refused too: it cannot be checked, and is most often a typo.
@Injectable()
export class UpstreamUrlGuard {
  private readonly allowed: readonly AllowedUpstreamHost[];

  constructor(
    @Inject(CONFIG_ADMIN_CONFIG) config: Pick<ConfigAdminConfig, 'UPSTREAM_ALLOW_HOSTS'>,
    @Optional() @Inject(HOST_RESOLVER) private readonly resolver: HostResolver = systemResolver,
  ) {
    this.allowed = config.UPSTREAM_ALLOW_HOSTS;
  }

  // The problem with this URL, as `field: reason`, or null when it may be used. The URL's shape (http or
  // https) is the DTO's to check.
  async problem(field: string, raw: string): Promise<string | null> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return null;
    }
    if (isAllowedUpstream(this.allowed, url)) return null;
    const host = url.hostname.replace(/\.$/, '');
    const hint = `; allow it with UPSTREAM_ALLOW_HOSTS`;
    const reason = forbiddenAddressReason(host);
    if (reason) return `${field}: ${host} is a ${reason} address${hint}`;
    if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return null;
    if (METADATA_HOST_NAMES.has(host)) return `${field}: ${host} is a cloud metadata service${hint}`;
    const addresses = await this.resolve(host);
    if (addresses.length === 0) return `${field}: host ${host} does not resolve`;
    for (const address of addresses) {
      const why = forbiddenAddressReason(address);
      if (why) return `${field}: ${host} resolves to ${address}, a ${why} address${hint}`;
    }
    return null;
  }

  private async resolve(host: string): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([]), RESOLVE_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.resolver(host).catch(() => []), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
