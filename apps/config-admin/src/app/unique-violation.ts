import { QueryFailedError } from 'typeorm';
import { AdminException } from './errors/admin.exception';

const UNIQUE_VIOLATION = '23505';

// Runs a write; a unique-constraint violation becomes a 409 with the given detail.
export async function conflictOnDuplicate<T>(write: () => Promise<T>, detail: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (
      error instanceof QueryFailedError &&
      (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
    ) {
      throw new AdminException('conflict', 'duplicate', detail);
    }
    throw error;
  }
}
