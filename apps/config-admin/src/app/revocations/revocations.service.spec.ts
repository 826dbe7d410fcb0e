import { describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import {
  revocationRequestedV1Fixtures,
  RevocationRequestedV1Schema,
  type RevocationReason,
  type RevocationRequestedV1,
} from '@tollgate/contracts';
import type { KeysService } from '../keys/keys.service';
import type { ConfigTransaction } from '../outbox/config-transaction';
import type { UsersService } from '../users/users.service';
import type { ConsumedEventsRepository } from './consumed-events.repository';
import { RevocationsService } from './revocations.service';

const NOW = Date.parse('2026-11-25T10:00:02.000Z');
const manager = {} as EntityManager;

// The keys' and users' own revoke, faked: what was asked, and whether it revoked (here: the first time).
function fakeRevoker() {
  const calls: { id: string; reason: RevocationReason; nowMs: number }[] = [];
  return {
    calls,
    revoke: async (m: EntityManager, id: string, reason: RevocationReason, nowMs: number) => {
      expect(m).toBe(manager);
      calls.push({ id, reason, nowMs });
      return calls.filter((c) => c.id === id).length === 1;
    },
  };
}

function setup() {
  const recorded = new Set<string>();
  const consumed = {
    record: async (m: EntityManager, consumer: string, eventId: string) => {
      expect(m).toBe(manager);
      expect(consumer).toBe('config-admin.revocations');
      const fresh = !recorded.has(eventId);
      recorded.add(eventId);
      return fresh;
    },
  } as unknown as ConsumedEventsRepository;
  const tx = { run: <T>(work: (m: EntityManager) => Promise<T>) => work(manager) } as ConfigTransaction;
  const keys = fakeRevoker();
  const users = fakeRevoker();
  const service = new RevocationsService(
    tx,
    consumed,
    keys as unknown as KeysService,
    users as unknown as UsersService,
  );
  return { service, keys, users };
}

const fixture = (name: keyof typeof revocationRequestedV1Fixtures) =>
  RevocationRequestedV1Schema.parse(revocationRequestedV1Fixtures[name]) as RevocationRequestedV1;

describe(RevocationsService.name, () => {
  describe('apply', () => {
    it('revokes the key or the user each request names, for its reason', async () => {
      const { service, keys, users } = setup();
      expect(await service.apply([fixture('keyCostLimitExhausted'), fixture('userExpired')], NOW)).toBe(2);
      expect(keys.calls).toEqual([
        { id: '5f2b0c1e-8a9d-4e3f-b2a1-0c9d8e7f6a5b', reason: 'cost_limit_exhausted', nowMs: NOW },
      ]);
      expect(users.calls).toEqual([
        { id: '6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f', reason: 'expired', nowMs: NOW },
      ]);
    });

    it('applies a redelivered request once, within a batch and across batches', async () => {
      const { service, keys } = setup();
      const event = fixture('keyCostLimitExhausted');
      expect(await service.apply([event, event], NOW)).toBe(1);
      expect(await service.apply([event], NOW)).toBe(0);
      expect(keys.calls).toHaveLength(1);
    });

    it('counts a request that finds nothing to revoke as applied, not as revoked', async () => {
      const { service, keys } = setup();
      const again = { ...fixture('keyCostLimitExhausted'), eventId: '7c7d5e6f-0a1b-4c23-94d5-e6f7a8b9c0d1' };
      expect(await service.apply([fixture('keyCostLimitExhausted'), again], NOW)).toBe(1);
      expect(keys.calls).toHaveLength(2);
    });
  });
});
