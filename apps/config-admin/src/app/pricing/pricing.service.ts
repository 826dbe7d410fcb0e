import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PriceEntity, PriceHistoryEntity, toPriceSnapshot } from '@tollgate/config-entities';
import { AdminException } from '../errors/admin.exception';
import { recordConfigChange } from '../outbox/config-outbox';
import { ConfigTransaction } from '../outbox/config-transaction';
import type { PutPriceDto } from './pricing.dto';

// The live pricing catalog: every change is versioned, kept in price_history, and pushed to the services
// like any config change, so a new price counts on the next request, without a restart.
@Injectable()
export class PricingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: ConfigTransaction,
  ) {}

  list(filter: { provider?: string; model?: string }): Promise<PriceEntity[]> {
    return this.dataSource.getRepository(PriceEntity).find({
      where: {
        ...(filter.provider ? { provider: filter.provider } : {}),
        ...(filter.model ? { key: filter.model } : {}),
      },
      order: { key: 'ASC' },
    });
  }

  async history(key: string): Promise<PriceHistoryEntity[]> {
    const rows = await this.dataSource
      .getRepository(PriceHistoryEntity)
      .find({ where: { key }, order: { version: 'ASC' } });
    if (rows.length === 0)
      throw new AdminException('not-found', 'price not found', `model ${key} has no price`);
    return rows;
  }

  put(key: string, dto: PutPriceDto): Promise<PriceEntity> {
    return this.tx.run(async (manager) => {
      const repo = manager.getRepository(PriceEntity);
      const held = await repo.findOne({ where: { key }, lock: { mode: 'pessimistic_write' } });
      const previous = held ? toPriceSnapshot(held) : null;
      const entity = held ?? repo.create({ key, version: 0 });
      entity.provider = dto.provider;
      entity.mode = dto.mode;
      entity.model = dto.model ?? key.slice(key.indexOf('/') + 1);
      entity.prices = {
        input: dto.input,
        output: dto.output,
        cachedInput: dto.cachedInput ?? null,
        cacheWrite: dto.cacheWrite ?? null,
        batchInput: dto.batchInput ?? null,
        batchOutput: dto.batchOutput ?? null,
        longContext: dto.longContext.map((t) => ({
          ...t,
          cachedInput: t.cachedInput ?? null,
          cacheWrite: t.cacheWrite ?? null,
        })),
        perImage: dto.perImage ?? null,
        perMinute: dto.perMinute ?? null,
        perMillionCharacters: dto.perMillionCharacters ?? null,
      };
      entity.version += 1;
      const saved = await repo.save(entity);
      const current = toPriceSnapshot(saved);
      const history = manager.getRepository(PriceHistoryEntity);
      await history.save(history.create({ key, version: saved.version, previous, current }));
      await recordConfigChange(manager, {
        entity: 'price',
        id: key,
        version: saved.version,
        snapshot: current,
      });
      return saved;
    });
  }
}
