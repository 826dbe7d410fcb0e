import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toRouteSnapshot, type RouteEntity } from '@tollgate/config-entities';
import { AdminException } from '../errors/admin.exception';
import { recordConfigChange } from '../outbox/config-outbox';
import { ConfigTransaction } from '../outbox/config-transaction';
import { conflictOnDuplicate } from '../unique-violation';
import type { CreateRouteDto, UpdateRouteDto } from './route.dto';
import { RoutesRepository } from './routes.repository';

@Injectable()
export class RoutesService {
  constructor(
    private readonly routes: RoutesRepository,
    private readonly tx: ConfigTransaction,
  ) {}

  create(dto: CreateRouteDto) {
    return conflictOnDuplicate(
      () =>
        this.tx.run(async (manager) => {
          await this.requireKeysCoverSteps(manager, dto.keyIds, dto.steps);
          const created = await this.routes.create(manager, dto);
          await this.publish(manager, created);
          return created;
        }),
      `a route already serves path ${dto.path}`,
    );
  }

  update(id: string, dto: UpdateRouteDto) {
    return conflictOnDuplicate(
      () =>
        this.tx.run(async (manager) => {
          const route = await this.existing(manager, id);
          Object.assign(route, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
          await this.requireKeysCoverSteps(manager, route.keyIds, route.steps);
          route.version += 1;
          const saved = await this.routes.save(manager, route);
          await this.publish(manager, saved);
          return saved;
        }),
      `a route already serves path ${dto.path ?? ''}`,
    );
  }

  remove(id: string) {
    return this.tx.run(async (manager) => {
      const route = await this.existing(manager, id);
      await this.routes.remove(manager, id);
      await recordConfigChange(manager, { entity: 'route', id, version: route.version + 1, snapshot: null });
    });
  }

  async get(id: string) {
    const route = await this.routes.byId(id);
    if (!route) throw new AdminException('not-found', 'route not found', `no route ${id}`);
    return route;
  }

  list() {
    return this.routes.list();
  }

  private async existing(manager: EntityManager, id: string): Promise<RouteEntity> {
    const route = await this.routes.findForUpdate(manager, id);
    if (!route) throw new AdminException('not-found', 'route not found', `no route ${id}`);
    return route;
  }

  // Every key must exist and have a setting for every provider the steps use (BricksLLM: a 500).
  private async requireKeysCoverSteps(
    manager: EntityManager,
    keyIds: readonly string[],
    steps: RouteEntity['steps'],
  ) {
    const providersByKey = await this.routes.providersOfKeys(manager, keyIds);
    const problems: string[] = [];
    for (const keyId of keyIds) {
      const providers = providersByKey.get(keyId);
      if (!providers) {
        problems.push(`key ${keyId} not found`);
        continue;
      }
      const missing = [...new Set(steps.map((s) => s.provider))].filter((p) => !providers.has(p));
      if (missing.length) problems.push(`key ${keyId} has no setting for ${missing.join(', ')}`);
    }
    if (problems.length)
      throw new AdminException(
        'validation',
        'route validation failed',
        `fields [keyIds] are invalid (${problems.join('; ')})`,
      );
  }

  private publish(manager: EntityManager, route: RouteEntity) {
    return recordConfigChange(manager, {
      entity: 'route',
      id: route.id,
      version: route.version,
      snapshot: toRouteSnapshot(route),
    });
  }
}
