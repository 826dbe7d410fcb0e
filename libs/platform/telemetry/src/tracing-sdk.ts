import { NodeSDK } from '@opentelemetry/sdk-node';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';

// The tracing SDK and its instrumentations, in a module of their own so that start-telemetry loads them only
// when tracing runs (otherwise they cost memory and start-up time). The exporter is the SDK's, from the
// standard variables (OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf by default, http/json,
// grpc). No kafkajs instrumentation: it overwrote each message's traceparent with its producer span (which,
// with batching, belonged to whichever request started the batch) and started consumer batches as new
// traces; the envelope carries the request's own traceparent and the consumers continue it themselves
// (libs/platform/kafka envelope-spans).
export function createTracingSdk(): NodeSDK {
  return new NodeSDK({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => req.url?.startsWith('/api/health') ?? false,
      }),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
    ],
  });
}
