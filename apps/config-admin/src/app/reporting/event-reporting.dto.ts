import { z } from 'zod';
import { MAX_OFFSET, MAX_UNIX_SECONDS, queryInteger } from '../request-shape/bounds';

const ids = z.array(z.string().min(1)).optional();
const unixSeconds = z.number().int().nonnegative().max(MAX_UNIX_SECONDS);
const offset = z.number().int().nonnegative().max(MAX_OFFSET).default(0);
// GET query strings: `keyIds=a&keyIds=b` or `keyIds=a,b`.
const queryList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .optional();
const queryNumber = queryInteger({ max: MAX_UNIX_SECONDS }).optional();
const startBeforeEnd = (v: { start?: number; end?: number }) =>
  v.start === undefined || v.end === undefined || v.start < v.end;

// POST /api/reporting/events (BricksLLM's body).
export const EventsReportSchema = z
  .object({
    start: unixSeconds,
    end: unixSeconds,
    increment: z.number().int().positive().max(MAX_UNIX_SECONDS),
    keyIds: ids,
    tags: ids,
    customIds: ids,
    userIds: ids,
    filters: z.array(z.enum(['model', 'keyId', 'customId', 'userId'])).default([]),
  })
  .refine(startBeforeEnd, { message: 'start must be before end', path: ['start'] })
  // Each data point is a row: a year of seconds would be 31 million of them.
  .refine((v) => (v.end - v.start) / v.increment <= 100_000, {
    message: 'at most 100000 data points: use a larger increment',
    path: ['increment'],
  });
export type EventsReport = z.infer<typeof EventsReportSchema>;

// POST /api/reporting/events-by-day (BricksLLM's body: the other fields of its reporting request are ignored).
export const EventsByDaySchema = z
  .object({ start: unixSeconds.positive(), end: unixSeconds.positive(), keyIds: ids })
  // No bound on the range: rows exist only for days and keys that have events.
  .refine(startBeforeEnd, { message: 'start must be before end', path: ['start'] });
export type EventsByDay = z.infer<typeof EventsByDaySchema>;

// POST /api/reporting/top-keys.
export const TopKeysSchema = z
  .object({
    start: unixSeconds,
    end: unixSeconds,
    keyIds: ids,
    tags: ids,
    name: z.string().optional(),
    revoked: z.boolean().optional(),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: z.number().int().positive().max(10_000).optional(),
    offset,
  })
  .refine(startBeforeEnd, { message: 'start must be before end', path: ['start'] });
export type TopKeys = z.infer<typeof TopKeysSchema>;

// GET /api/events: at least one of customId, userId, keyIds; start and end with keyIds.
export const EventsQuerySchema = z
  .object({
    customId: z.string().min(1).optional(),
    userId: z.string().min(1).optional(),
    keyIds: queryList,
    start: queryNumber,
    end: queryNumber,
  })
  .refine((q) => q.customId || q.userId || q.keyIds?.length, {
    message: 'give at least one of customId, userId or keyIds',
    path: ['filters'],
  })
  .refine((q) => !q.keyIds?.length || (q.start !== undefined && q.end !== undefined), {
    message: 'start and end are required with keyIds',
    path: ['start'],
  })
  .refine(startBeforeEnd, { message: 'start must be before end', path: ['start'] });
export type EventsQuery = z.infer<typeof EventsQuerySchema>;

const order = z.enum(['asc', 'desc']).optional();
const v2Fields = {
  userIds: ids,
  customIds: ids,
  keyIds: ids,
  tags: ids,
  // Ours (BricksLLM has no routes filter): events of requests served by these routes.
  routeIds: ids,
  start: unixSeconds,
  end: unixSeconds,
  limit: z.number().int().positive().max(10_000).default(100),
  offset,
  policyIds: ids,
  actions: z.array(z.enum(['allowed', 'warned', 'redacted', 'blocked'])).optional(),
  status: z.number().int().min(100).max(599).optional(),
  costOrder: order,
  dateOrder: order,
  returnCount: z.boolean().default(false),
  // Accepted as BricksLLM accepts them; request and response bodies are not logged yet.
  requestContent: z.string().optional(),
  responseContent: z.string().optional(),
};
const v2Rules = <T extends z.ZodType<{ start: number; end: number; costOrder?: string; dateOrder?: string }>>(
  s: T,
) =>
  s
    .refine(startBeforeEnd, { message: 'start must be before end', path: ['start'] })
    .refine((v) => !(v.costOrder && v.dateOrder), {
      message: 'give costOrder or dateOrder, not both',
      path: ['costOrder'],
    })
    .meta({ not: { required: ['costOrder', 'dateOrder'] } });

// POST /api/v2/events (JSON body) and GET /api/v2/events (the same fields as query parameters).
export const EventsV2Schema = v2Rules(z.object(v2Fields));
export const EventsV2QuerySchema = v2Rules(
  z.object({
    ...v2Fields,
    userIds: queryList,
    customIds: queryList,
    keyIds: queryList,
    tags: queryList,
    routeIds: queryList,
    policyIds: queryList,
    actions: queryList.pipe(z.array(z.enum(['allowed', 'warned', 'redacted', 'blocked'])).optional()),
    start: queryInteger({ max: MAX_UNIX_SECONDS }),
    end: queryInteger({ max: MAX_UNIX_SECONDS }),
    limit: queryInteger({ min: 1, max: 10_000 }).default(100),
    offset: queryInteger({ max: MAX_OFFSET }).default(0),
    status: queryInteger({ min: 100, max: 599 }).optional(),
    returnCount: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  }),
);
export type EventsV2 = z.infer<typeof EventsV2Schema>;

export const KeyIdQuerySchema = z.object({ keyId: z.string().min(1) });
