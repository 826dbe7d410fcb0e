import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<void>;

export interface ReadinessCheckOptions {
  // false: the check is reported but a failure leaves the service ready, for a dependency the service can
  // serve without for a while (proxy-edge spools usage events while Kafka is down, and serves its config
  // from memory while PostgreSQL is). Taking every replica out of rotation for it would turn a degraded
  // gateway into a down one (docs/adr/0024).
  required?: boolean;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { status: 'up' | 'down'; error?: string; required?: false }>;
}

// Each adapter registers a check of its own dependency; readiness is ready only when every required one passes.
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, { check: ReadinessCheck; required: boolean }>();

  register(name: string, check: ReadinessCheck, options: ReadinessCheckOptions = {}): void {
    this.checks.set(name, { check, required: options.required ?? true });
  }

  async report(timeoutMs = 2_000): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, { check, required }]) => {
        const optional = required ? {} : { required: false as const };
        try {
          await withTimeout(check(), timeoutMs);
          return [name, { status: 'up' as const, ...optional }, required] as const;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          return [name, { status: 'down' as const, error: message, ...optional }, required] as const;
        }
      }),
    );
    return {
      ready: entries.every(([, r, required]) => !required || r.status === 'up'),
      checks: Object.fromEntries(entries.map(([name, r]) => [name, r])),
    };
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
