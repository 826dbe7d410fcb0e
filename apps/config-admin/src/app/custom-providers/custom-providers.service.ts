import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toCustomProviderSnapshot, type CustomProviderEntity } from '@tollgate/config-entities';
import { AdminException } from '../errors/admin.exception';
import { recordConfigChange } from '../outbox/config-outbox';
import { ConfigTransaction } from '../outbox/config-transaction';
import { conflictOnDuplicate } from '../unique-violation';
import type { CreateCustomProviderDto, UpdateCustomProviderDto } from './custom-provider.dto';
import { CustomProvidersRepository } from './custom-providers.repository';
import { UpstreamUrlGuard } from '../upstream/upstream-url.guard';
import { invalidFields } from '../validation';

@Injectable()
export class CustomProvidersService {
  constructor(
    private readonly providers: CustomProvidersRepository,
    private readonly upstream: UpstreamUrlGuard,
    private readonly tx: ConfigTransaction,
  ) {}

  async create(dto: CreateCustomProviderDto) {
    await this.checkTargets(dto.route_configs);
    return conflictOnDuplicate(
      () =>
        this.tx.run(async (manager) => {
          const created = await this.providers.create(manager, {
            provider: dto.provider,
            authenticationParam: dto.authentication_param,
            routeConfigs: dto.route_configs,
          });
          await this.publish(manager, created);
          return created;
        }),
      `custom provider ${dto.provider} already exists`,
    );
  }

  async update(id: string, dto: UpdateCustomProviderDto) {
    await this.checkTargets(dto.route_configs ?? []);
    return this.tx.run(async (manager) => {
      const provider = await this.providers.findForUpdate(manager, id);
      if (!provider)
        throw new AdminException('not-found', 'custom provider not found', `no custom provider ${id}`);
      if (dto.authentication_param !== undefined) provider.authenticationParam = dto.authentication_param;
      if (dto.route_configs !== undefined) provider.routeConfigs = dto.route_configs;
      provider.version += 1;
      const saved = await this.providers.save(manager, provider);
      await this.publish(manager, saved);
      return saved;
    });
  }

  list() {
    return this.providers.list();
  }

  // Each route's target must pass the upstream URL guard, as a provider setting's url does.
  private async checkTargets(configs: readonly { target_url: string }[]): Promise<void> {
    const problems = await Promise.all(
      configs.map((c, i) => this.upstream.problem(`route_configs.${i}.target_url`, c.target_url)),
    );
    const found = problems.filter((p): p is string => p !== null);
    if (found.length > 0) throw invalidFields('custom provider validation failed', found);
  }

  private publish(manager: EntityManager, provider: CustomProviderEntity) {
    return recordConfigChange(manager, {
      entity: 'custom_provider',
      id: provider.id,
      version: provider.version,
      snapshot: toCustomProviderSnapshot(provider),
    });
  }
}
