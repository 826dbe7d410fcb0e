import type { DataSource } from 'typeorm';
import {
  CustomProviderEntity,
  KeyEntity,
  PolicyEntity,
  PriceEntity,
  ProviderSettingEntity,
  RouteEntity,
  toCustomProviderSnapshot,
  toKeySnapshot,
  toPolicySnapshot,
  toPriceSnapshot,
  toProviderSettingSnapshot,
  toRouteSnapshot,
  toUserSnapshot,
  UserEntity,
} from '@tollgate/config-entities';
import type { ConfigSnapshot } from './config-read-model';

// One REPEATABLE READ transaction: the keys, the settings and the clock are all of the same instant.
export async function readSnapshot(dataSource: DataSource): Promise<ConfigSnapshot> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const [{ now }] = (await manager.query('SELECT now() AS now')) as [{ now: Date }];
    const keys = await manager.getRepository(KeyEntity).find();
    const settings = await manager.getRepository(ProviderSettingEntity).find();
    const users = await manager.getRepository(UserEntity).find();
    const policies = await manager.getRepository(PolicyEntity).find();
    const customProviders = await manager.getRepository(CustomProviderEntity).find();
    const routes = await manager.getRepository(RouteEntity).find();
    const prices = await manager.getRepository(PriceEntity).find();
    return {
      takenAt: new Date(now),
      keys: keys.map((k) => ({ version: k.version, data: toKeySnapshot(k) })),
      settings: settings.map((s) => ({ version: s.version, data: toProviderSettingSnapshot(s) })),
      users: users.map((u) => ({ version: u.version, data: toUserSnapshot(u) })),
      policies: policies.map((p) => ({ version: p.version, data: toPolicySnapshot(p) })),
      customProviders: customProviders.map((c) => ({
        version: c.version,
        data: toCustomProviderSnapshot(c),
      })),
      routes: routes.map((r) => ({ version: r.version, data: toRouteSnapshot(r) })),
      prices: prices.map((p) => ({ version: p.version, data: toPriceSnapshot(p) })),
    };
  });
}
