import type { Operation } from './api-catalog';

// OpenAPI links: the id a create returns is the path parameter of the operations on what it created, so
// clients and API testers (schemathesis' stateful phase) can follow one call with the next.
const CREATES: { from: string; field: string; param: string; to: string[] }[] = [
  {
    from: 'put /api/key-management/keys',
    field: 'keyId',
    param: 'keyId',
    to: [
      'patch /api/key-management/keys/{keyId}',
      'post /api/key-management/keys/{keyId}/rotate',
      'get /api/reporting/keys/{keyId}',
      'delete /api/key-management/keys/{keyId}',
    ],
  },
  ...['put', 'post'].map((method) => ({
    from: `${method} /api/provider-settings`,
    field: 'id',
    param: 'id',
    to: ['patch /api/provider-settings/{id}'],
  })),
  {
    from: 'post /api/custom/providers',
    field: 'id',
    param: 'id',
    to: ['patch /api/custom/providers/{id}', 'put /api/custom/providers/{id}'],
  },
  {
    from: 'post /api/routes',
    field: 'id',
    param: 'id',
    to: ['get /api/routes/{id}', 'patch /api/routes/{id}', 'delete /api/routes/{id}'],
  },
  {
    from: 'post /api/policies',
    field: 'id',
    param: 'id',
    to: ['patch /api/policies/{id}', 'delete /api/policies/{id}'],
  },
  { from: 'post /api/users', field: 'id', param: 'id', to: ['patch /api/users/{id}'] },
];

export const operationName = (op: Pick<Operation, 'method' | 'path'>) => `${op.method} ${op.path}`;

// The links of an operation's 200 response, keyed by a name for each target.
export function linksOf(op: Operation, operationIdOf: (name: string) => string): Record<string, unknown> {
  const created = CREATES.find((c) => c.from === operationName(op));
  if (!created) return {};
  return Object.fromEntries(
    created.to.map((target) => [
      operationIdOf(target),
      {
        operationId: operationIdOf(target),
        parameters: { [created.param]: `$response.body#/${created.field}` },
      },
    ]),
  );
}
