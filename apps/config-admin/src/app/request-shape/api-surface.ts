import { API_CATALOG, type Operation } from '../openapi/api-catalog';

// Where a request path lands in the catalog: the operations of the most specific documented path it
// matches (literal segments win over parameters: /api/pricing/history/{model} over /api/pricing/{model}).
interface DocumentedPath {
  pattern: RegExp;
  literalLength: number;
  operations: Operation[];
}

const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

function compile(path: string, restOfPath: boolean): RegExp {
  const parts = path.split(/(\{\w+\})/).map((part) => {
    if (!/^\{\w+\}$/.test(part)) return escape(part);
    return restOfPath ? '.+' : '[^/]+';
  });
  return new RegExp(`^${parts.join('')}/?$`);
}

function documentedPaths(): DocumentedPath[] {
  const byPath = new Map<string, DocumentedPath>();
  for (const op of API_CATALOG) {
    const entry = byPath.get(op.path) ?? {
      pattern: compile(op.path, op.restOfPath === true),
      literalLength: op.path.replace(/\{\w+\}/g, '').length,
      operations: [],
    };
    entry.operations.push(op);
    byPath.set(op.path, entry);
  }
  return [...byPath.values()].sort((a, b) => b.literalLength - a.literalLength);
}

const DOCUMENTED = documentedPaths();

// The operations documented at this path (empty when the path is not documented).
export function operationsAt(path: string): Operation[] {
  return DOCUMENTED.find((entry) => entry.pattern.test(path))?.operations ?? [];
}

// The catalog entry of a route as Nest declares it (`/api/keys/:keyId`, `/api/pricing/*model`).
export function operationOfRoute(method: string, routePath: string): Operation | undefined {
  const path = routePath.replace(/[:*](\w+)/g, '{$1}').replace(/\/$/, '');
  return API_CATALOG.find((op) => op.method === method.toLowerCase() && op.path === path);
}
