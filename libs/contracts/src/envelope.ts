import crypto from 'node:crypto';
import { z } from 'zod';

// Every event on the bus travels in this envelope; consumers are idempotent on eventId.
export const EnvelopeSchema = z.object({
  eventId: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  producer: z.string().min(1),
  // W3C trace context of the request that caused the event, so consumers continue the same trace.
  traceparent: z.string().nullable(),
  payload: z.unknown(),
});
export type Envelope<TPayload = unknown> = Omit<z.infer<typeof EnvelopeSchema>, 'payload'> & {
  payload: TPayload;
};

export function envelopeSchemaOf<T extends z.ZodType>(type: string, version: number, payload: T) {
  return EnvelopeSchema.extend({ type: z.literal(type), version: z.literal(version), payload });
}

export function makeEnvelope<TPayload>(fields: {
  type: string;
  version: number;
  producer: string;
  payload: TPayload;
  traceparent?: string | null;
  occurredAt?: Date;
}): Envelope<TPayload> {
  return {
    eventId: crypto.randomUUID(),
    type: fields.type,
    version: fields.version,
    occurredAt: (fields.occurredAt ?? new Date()).toISOString(),
    producer: fields.producer,
    traceparent: fields.traceparent ?? null,
    payload: fields.payload,
  };
}
