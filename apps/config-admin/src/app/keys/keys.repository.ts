import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { KeyEntity } from '@tollgate/platform-database';

export class DuplicateKeyError extends Error {}

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class KeysRepository {
  constructor(@InjectRepository(KeyEntity) private readonly repo: Repository<KeyEntity>) {}

  async create(
    fields: Pick<KeyEntity, 'name' | 'key' | 'isKeyNotHashed' | 'tags' | 'settingIds'>,
  ): Promise<KeyEntity> {
    try {
      return await this.repo.save(this.repo.create(fields));
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new DuplicateKeyError();
      }
      throw error;
    }
  }
}
