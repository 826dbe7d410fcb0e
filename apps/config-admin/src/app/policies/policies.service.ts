import { Injectable } from '@nestjs/common';
import { toPolicySnapshot } from '@tollgate/config-entities';
import { AdminException } from '../errors/admin.exception';
import { recordConfigChange } from '../outbox/config-outbox';
import { ConfigTransaction } from '../outbox/config-transaction';
import type { CreatePolicyDto, UpdatePolicyDto } from './policy.dto';
import { PoliciesRepository } from './policies.repository';

@Injectable()
export class PoliciesService {
  constructor(
    private readonly policies: PoliciesRepository,
    private readonly tx: ConfigTransaction,
  ) {}

  create(dto: CreatePolicyDto) {
    return this.tx.run(async (manager) => {
      const created = await this.policies.create(manager, dto);
      await recordConfigChange(manager, {
        entity: 'policy',
        id: created.id,
        version: created.version,
        snapshot: toPolicySnapshot(created),
      });
      return created;
    });
  }

  update(id: string, dto: UpdatePolicyDto) {
    return this.tx.run(async (manager) => {
      const policy = await this.policies.findForUpdate(manager, id);
      if (!policy) throw new AdminException('not-found', 'policy not found', `no policy ${id}`);
      Object.assign(policy, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
      policy.version += 1;
      const saved = await this.policies.save(manager, policy);
      await recordConfigChange(manager, {
        entity: 'policy',
        id,
        version: saved.version,
        snapshot: toPolicySnapshot(saved),
      });
      return saved;
    });
  }

  // BricksLLM cannot delete policies. Here a policy still attached to keys cannot be deleted either: detach it
  // first, so no key silently loses the policy it was given.
  remove(id: string) {
    return this.tx.run(async (manager) => {
      const policy = await this.policies.findForUpdate(manager, id);
      if (!policy) throw new AdminException('not-found', 'policy not found', `no policy ${id}`);
      const users = await this.policies.keysUsing(manager, id);
      if (users > 0)
        throw new AdminException('conflict', 'policy in use', `${users} key(s) still use policy ${id}`);
      await this.policies.remove(manager, id);
      await recordConfigChange(manager, {
        entity: 'policy',
        id,
        version: policy.version + 1,
        snapshot: null,
      });
    });
  }

  byTags(tags: readonly string[]) {
    return this.policies.byTags(tags);
  }
}
