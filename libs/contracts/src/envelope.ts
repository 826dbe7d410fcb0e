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
