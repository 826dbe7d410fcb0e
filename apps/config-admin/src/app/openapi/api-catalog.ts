import { z } from 'zod';
import {
  CreateCustomProviderSchema,
  ReplaceCustomProviderSchema,
  UpdateCustomProviderSchema,
} from '../custom-providers/custom-provider.dto';
import { CreateKeySchema, KeySearchSchema, RotateKeySchema, UpdateKeySchema } from '../keys/key.dto';
import { CreatePolicySchema, UpdatePolicySchema } from '../policies/policy.dto';
import { PutPriceSchema } from '../pricing/pricing.dto';
import {
  EventsByDaySchema,
  EventsReportSchema,
  EventsV2Schema,
  TopKeysSchema,
} from '../reporting/event-reporting.dto';
import {
  CreateProviderSettingSchema,
  UpdateProviderSettingSchema,
} from '../provider-settings/provider-setting.dto';
import { CreateRouteSchema, UpdateRouteSchema } from '../routes/route.dto';
import { CreateUserSchema, UpdateUserSchema } from '../users/user.dto';

import { integer, list, listOf, oneOf, text, type QueryParam } from './query-params';
import { MAX_OFFSET, MAX_UNIX_SECONDS } from '../request-shape/bounds';

export type HttpMethod = 'get' | 'put' | 'post' | 'patch' | 'delete';

export interface Operation {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  // The schema the endpoint validates its body with: the document is generated from it, so it cannot drift.
  body?: z.ZodType;
  query?: QueryParam[];
  // The last path parameter takes the rest of the path, slashes included (pricing's model keys); every
  // other path parameter is a uuid.
  restOfPath?: boolean;
  // Error statuses the endpoint can answer besides 401 (every endpoint but health can).
  errors: number[];
}

// Every endpoint of the admin API. A unit test checks this list against the controllers' routes.
export const API_CATALOG: Operation[] = [
  { method: 'get', path: '/api/health', summary: 'Liveness', tag: 'health', errors: [] },
  {
    method: 'post',
    path: '/api/health',
    summary: 'Liveness (POST, as BricksLLM)',
    tag: 'health',
    errors: [],
  },
  {
    method: 'get',
    path: '/api/health/ready',
    summary: 'Readiness of PostgreSQL, Kafka, Redis and ClickHouse',
    tag: 'health',
    errors: [503],
  },

  {
    method: 'put',
    path: '/api/key-management/keys',
    summary: 'Create a key',
    tag: 'keys',
    body: CreateKeySchema,
    errors: [400, 409],
  },
  {
    method: 'get',
    path: '/api/key-management/keys',
    summary: 'Find keys by tag, tags, keyIds or provider',
    tag: 'keys',
    query: [text('tag'), list('tags'), list('keyIds'), text('provider')],
    errors: [400],
  },
  {
    method: 'patch',
    path: '/api/key-management/keys/{keyId}',
    summary: 'Update a key (never re-hashes it)',
    tag: 'keys',
    body: UpdateKeySchema,
    errors: [400, 404],
  },
  {
    method: 'delete',
    path: '/api/key-management/keys/{keyId}',
    summary: 'Delete a key',
    tag: 'keys',
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/key-management/keys/{keyId}/rotate',
    summary: 'Rotate a key with a grace period for the old value',
    tag: 'keys',
    body: RotateKeySchema,
    errors: [400, 404, 409],
  },
  {
    method: 'post',
    path: '/api/v2/key-management/keys',
    summary: 'Search keys',
    tag: 'keys',
    body: KeySearchSchema,
    errors: [400],
  },

  {
    method: 'put',
    path: '/api/provider-settings',
    summary: 'Create a provider setting',
    tag: 'provider settings',
    body: CreateProviderSettingSchema,
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/provider-settings',
    summary: 'Create a provider setting',
    tag: 'provider settings',
    body: CreateProviderSettingSchema,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/provider-settings',
    summary: 'List provider settings (all, or ?ids=)',
    tag: 'provider settings',
    query: [list('ids')],
    errors: [],
  },
  {
    method: 'patch',
    path: '/api/provider-settings/{id}',
    summary: 'Update a provider setting',
    tag: 'provider settings',
    body: UpdateProviderSettingSchema,
    errors: [400, 404],
  },

  {
    method: 'post',
    path: '/api/custom/providers',
    summary: 'Create a custom provider',
    tag: 'custom providers',
    body: CreateCustomProviderSchema,
    errors: [400, 409],
  },
  {
    method: 'get',
    path: '/api/custom/providers',
    summary: 'List custom providers',
    tag: 'custom providers',
    errors: [],
  },
  {
    method: 'patch',
    path: '/api/custom/providers/{id}',
    summary: 'Update a custom provider',
    tag: 'custom providers',
    body: UpdateCustomProviderSchema,
    errors: [400, 404],
  },
  {
    method: 'put',
    path: '/api/custom/providers/{id}',
    summary: 'Replace a custom provider',
    tag: 'custom providers',
    body: ReplaceCustomProviderSchema,
    errors: [400, 404],
  },

  {
    method: 'post',
    path: '/api/routes',
    summary: 'Create a route',
    tag: 'routes',
    body: CreateRouteSchema,
    errors: [400, 409],
  },
  { method: 'get', path: '/api/routes', summary: 'List routes', tag: 'routes', errors: [] },
  { method: 'get', path: '/api/routes/{id}', summary: 'Get a route', tag: 'routes', errors: [404] },
  {
    method: 'patch',
    path: '/api/routes/{id}',
    summary: 'Update a route',
    tag: 'routes',
    body: UpdateRouteSchema,
    errors: [400, 404, 409],
  },
  { method: 'delete', path: '/api/routes/{id}', summary: 'Delete a route', tag: 'routes', errors: [404] },

  {
    method: 'post',
    path: '/api/policies',
    summary: 'Create a policy',
    tag: 'policies',
    body: CreatePolicySchema,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/policies',
    summary: 'Find policies by tags',
    tag: 'policies',
    query: [list('tags', true)],
    errors: [400],
  },
  {
    method: 'patch',
    path: '/api/policies/{id}',
    summary: 'Update a policy',
    tag: 'policies',
    body: UpdatePolicySchema,
    errors: [400, 404],
  },
  {
    method: 'delete',
    path: '/api/policies/{id}',
    summary: 'Delete a policy no key uses',
    tag: 'policies',
    errors: [404, 409],
  },

  {
    method: 'post',
    path: '/api/users',
    summary: 'Create a user',
    tag: 'users',
    body: CreateUserSchema,
    errors: [400, 409],
  },
  {
    method: 'get',
    path: '/api/users',
    summary: 'Find users',
    tag: 'users',
    query: [
      list('tags'),
      list('keyIds'),
      list('userIds'),
      integer('offset', { max: MAX_OFFSET }),
      integer('limit', { min: 1, max: 1000 }),
    ],
    errors: [400],
  },
  {
    method: 'patch',
    path: '/api/users/{id}',
    summary: 'Update a user by id',
    tag: 'users',
    body: UpdateUserSchema,
    errors: [400, 404, 409],
  },
  {
    method: 'patch',
    path: '/api/users',
    summary: 'Update the user with ?userId= and ?tags=',
    tag: 'users',
    body: UpdateUserSchema,
    query: [text('userId', true), list('tags')],
    errors: [400, 404, 409],
  },

  {
    method: 'get',
    path: '/api/reporting/keys/{keyId}',
    summary: 'Total spend of a key (micro-dollars) and its use of each current limit window',
    tag: 'reporting',
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/reporting/events',
    summary:
      'Requests, cost, latency and tokens per time increment, grouped by model, key, custom or user id',
    tag: 'reporting',
    body: EventsReportSchema,
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/reporting/events-by-day',
    summary:
      'Requests, cost, latency and tokens per key and UTC day, for the days that start in [start, end)',
    tag: 'reporting',
    body: EventsByDaySchema,
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/reporting/top-keys',
    summary: 'Keys ordered by spend over a time range',
    tag: 'reporting',
    body: TopKeysSchema,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/reporting/users-ids',
    summary: 'User ids seen with a key',
    tag: 'reporting',
    query: [text('keyId', true)],
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/reporting/user-ids',
    summary: 'User ids seen with a key (the path BricksLLM serves)',
    tag: 'reporting',
    query: [text('keyId', true)],
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/reporting/custom-ids',
    summary: 'Custom ids seen with a key',
    tag: 'reporting',
    query: [text('keyId', true)],
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/events',
    summary: 'Events by custom id, user id or keys (with start and end)',
    tag: 'events',
    query: [
      text('customId'),
      text('userId'),
      list('keyIds'),
      integer('start', { max: MAX_UNIX_SECONDS }),
      integer('end', { max: MAX_UNIX_SECONDS }),
    ],
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/v2/events',
    summary: 'Search events (the fields of POST /api/v2/events as query parameters)',
    tag: 'events',
    query: [
      integer('start', { max: MAX_UNIX_SECONDS }, true),
      integer('end', { max: MAX_UNIX_SECONDS }, true),
      list('userIds'),
      list('customIds'),
      list('keyIds'),
      list('tags'),
      list('routeIds'),
      list('policyIds'),
      listOf('actions', ['allowed', 'warned', 'redacted', 'blocked']),
      integer('status', { min: 100, max: 599 }),
      oneOf('costOrder', ['asc', 'desc']),
      oneOf('dateOrder', ['asc', 'desc']),
      integer('limit', { min: 1, max: 10_000 }),
      integer('offset', { max: MAX_OFFSET }),
      oneOf('returnCount', ['true', 'false']),
    ],
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/v2/events',
    summary: 'Search events',
    tag: 'events',
    body: EventsV2Schema,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/pricing',
    summary: 'The pricing catalog (USD per 1M tokens, and per image, minute or 1M characters)',
    tag: 'pricing',
    query: [text('provider'), text('model')],
    errors: [400],
  },
  {
    method: 'put',
    path: '/api/pricing/{model}',
    restOfPath: true,
    summary: 'Set the price of a model (a catalog key, e.g. gpt-4o or azure/gpt-4o); takes effect at once',
    tag: 'pricing',
    body: PutPriceSchema,
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/pricing/history/{model}',
    restOfPath: true,
    summary: 'Every version of a model’s price',
    tag: 'pricing',
    errors: [404],
  },
  { method: 'get', path: '/api/docs', summary: 'This API, as a page', tag: 'docs', errors: [] },
  { method: 'get', path: '/api/docs-json', summary: 'This API, as OpenAPI 3.1', tag: 'docs', errors: [] },
];
