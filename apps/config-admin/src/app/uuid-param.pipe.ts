import { Injectable, type PipeTransform } from '@nestjs/common';
import { AdminException } from './errors/admin.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// An id that is not even a uuid names nothing: 404, like any unknown id.
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new AdminException('not-found', 'not found', `no entity with id ${value}`);
    return value;
  }
}
