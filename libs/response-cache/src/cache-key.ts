// The cache key of a route request.
export interface RouteCacheKeyInput {
  routeId: string;
  scope: string;
  model: string;
  body: unknown;
}

export function routeCacheKey(_input: RouteCacheKeyInput): string {
  throw new Error('routeCacheKey: not implemented yet');
}
