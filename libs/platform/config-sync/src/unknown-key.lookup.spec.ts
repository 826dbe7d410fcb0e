import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KeySnapshot } from '@tollgate/contracts';
import { makeKey } from '@tollgate/testing';
import { ConfigReadModel } from './config-read-model';
import { UnknownKeyLookup, type KeySource } from './unknown-key.lookup';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const T0 = new Date('2026-12-10T10:00:00Z');
// A key stored as gateways store them: by the sha256 of its value.
const hashedKey = (value: string, keyId: string) =>
  makeKey({ keyId, key: sha(value), isKeyNotHashed: false });

// A key source over a list of stored keys that counts its lookups, on a clock the test moves.
function setup(stored: KeySnapshot[] = [], options = { perSecond: 5, negativeTtlMs: 2_000 }) {
  const calls: string[][] = [];
  let fail = false;
  const source: KeySource = (values) => {
    calls.push(values);
    if (fail) return Promise.reject(new Error('database down'));
    const keys = stored.filter((k) => values.includes(k.key) || values.includes(k.previousKey ?? ''));
    return Promise.resolve({ at: T0, keys: keys.map((data) => ({ version: 1, data })) });
  };
  const model = new ConfigReadModel();
  model.loadSnapshot({ takenAt: T0, keys: [], settings: [] });
  const clock = { now: 0 };
  const lookup = new UnknownKeyLookup(source, model, options, () => clock.now);
  return { lookup, model, calls, clock, failNext: (v: boolean) => (fail = v) };
}

describe(UnknownKeyLookup.name, () => {
  it('finds a key the read model does not hold yet, and keeps it there (no second lookup)', async () => {
    const { lookup, model, calls } = setup([hashedKey('fresh', 'k-new')]);
    expect((await lookup.find('fresh'))?.keyId).toBe('k-new');
    expect(model.findKey('fresh')?.keyId).toBe('k-new');
    expect(calls).toEqual([[sha('fresh'), 'fresh']]);
  });

  it('refuses a key found unknown without another lookup until the negative cache expires', async () => {
    const { lookup, calls, clock } = setup();
    expect(await lookup.find('nope')).toBeNull();
    clock.now = 1_999;
    expect(lookup.find('nope')).toBeNull();
    expect(calls).toHaveLength(1);
    clock.now = 2_001;
    expect(await lookup.find('nope')).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('looks up at most perSecond unknown keys a second: a flood of 10,000 random keys costs 5 lookups', async () => {
    const { lookup, calls, clock } = setup();
    const answers = Array.from({ length: 10_000 }, (_, i) => lookup.find(`random-${i}`));
    expect((await Promise.all(answers.filter((a) => a !== null))).every((a) => a === null)).toBe(true);
    expect(calls).toHaveLength(5);
    clock.now = 1_000;
    await Promise.all(
      Array.from({ length: 10_000 }, (_, i) => lookup.find(`again-${i}`)).filter((a) => a !== null),
    );
    expect(calls).toHaveLength(10);
  });

  it('shares one lookup between concurrent requests with the same key', async () => {
    const { lookup, calls } = setup([hashedKey('fresh', 'k-new')]);
    const found = await Promise.all([lookup.find('fresh'), lookup.find('fresh'), lookup.find('fresh')]);
    expect(found.map((k) => k?.keyId)).toEqual(['k-new', 'k-new', 'k-new']);
    expect(calls).toHaveLength(1);
  });

  it('answers unknown when the database fails, without remembering the key as unknown', async () => {
    const { lookup, calls, failNext } = setup([hashedKey('fresh', 'k-new')]);
    failNext(true);
    expect(await lookup.find('fresh')).toBeNull();
    failNext(false);
    expect((await lookup.find('fresh'))?.keyId).toBe('k-new');
    expect(calls).toHaveLength(2);
  });

  it('finds a rotated-out value inside its grace period', async () => {
    const rotated = makeKey({
      keyId: 'k-rot',
      isKeyNotHashed: false,
      key: sha('new-value'),
      previousKey: sha('old-value'),
      previousKeyExpiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    const { lookup } = setup([rotated]);
    expect((await lookup.find('old-value'))?.keyId).toBe('k-rot');
  });
});
