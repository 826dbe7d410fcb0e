import { SecretBox } from '@tollgate/platform-config';

export const SECRET_BOX = Symbol('SECRET_BOX');

export function secretBoxProvider(masterKey: string) {
  return { provide: SECRET_BOX, useValue: SecretBox.fromMasterKey(masterKey) };
}
