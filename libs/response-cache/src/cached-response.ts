import { z } from 'zod';

// One stored answer. The body is the bytes the client got (the SSE text when stream is true), replayed as is.
export const CachedResponseSchema = z.object({
  status: z.number().int(),
  contentType: z.string(),
  body: z.string(),
  stream: z.boolean(),
  model: z.string(),
  usage: z
    .object({
      promptTokens: z.number().int().nonnegative(),
      completionTokens: z.number().int().nonnegative(),
    })
    .nullable(),
  // Unix milliseconds.
  storedAt: z.number(),
});

export type CachedResponse = z.infer<typeof CachedResponseSchema>;
