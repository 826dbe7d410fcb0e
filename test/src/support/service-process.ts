import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { expectEventually } from '@tollgate/testing';

export const SERVICES = [
  'config-admin',
  'proxy-edge',
  'auth-limit',
  'pii-redaction',
  'analytics-ingester',
] as const;
export type ServiceName = (typeof SERVICES)[number];

const ROOT = resolve(import.meta.dirname, '../../..');

// A built service (dist/apps/<name>/main.js) running as its own process, with its output kept for diagnosis.
const SECRET_LIKE = /\b(?:tg|sk|tok)-[\w-]{6,}/g;

export class ServiceProcess {
  readonly output: string[] = [];
  readonly secretsSeen = new Set<string>();
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string>,
    // Flags for node itself (the benchmark profiles with --cpu-prof, which NODE_OPTIONS refuses).
    private readonly nodeArgs: string[] = [],
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): this {
    const child = spawn(
      process.execPath,
      [...this.nodeArgs, resolve(ROOT, 'dist/apps', this.name, 'main.js')],
      {
        env: { ...process.env, ...this.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      // Secret-looking strings (the tests' tg-… keys, sk-…/tok-… provider secrets), masked, from every line.
      for (const match of text.match(SECRET_LIKE) ?? []) this.secretsSeen.add(`${match.slice(0, 8)}…`);
      this.output.push(text);
      if (this.output.length > 500) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    this.child = child;
    return this;
  }

  async waitReady(timeoutMs = 90_000): Promise<void> {
    await this.waitFor('/api/health/ready', 'ready', timeoutMs);
  }

  // Serving, even if a dependency is down (readiness may say 503).
  async waitLive(timeoutMs = 90_000): Promise<void> {
    await this.waitFor('/api/health', 'live', timeoutMs);
  }

  private async waitFor(path: string, what: string, timeoutMs: number): Promise<void> {
    // A service that exits while starting fails the wait at once, with its last log lines.
    const exitedEarly = (this.exited ?? new Promise<never>(() => undefined)).then((code) => {
      throw new Error(`${this.name} exited with ${code} while starting: ${this.tail()}`);
    });
    const ready = expectEventually(
      async () => {
        const res = await fetch(`${this.url}${path}`);
        if (res.status !== 200) throw new Error(`${this.name} not ${what}: ${await res.text()}`);
      },
      { timeoutMs, intervalMs: 250, what: `${this.name} ${what}` },
    );
    await Promise.race([ready, exitedEarly]);
    exitedEarly.catch(() => undefined);
  }

  // Sends SIGTERM and resolves with the exit code; a process still there after `graceMs` is killed, so no
  // test run leaves a service behind (the exit code then says it did not stop gracefully).
  async stop(graceMs = 20_000): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    try {
      return (await this.exited) ?? null;
    } finally {
      clearTimeout(timer);
    }
  }

  waitExit(): Promise<number | null> {
    return this.exited ?? Promise.resolve(null);
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  tail(lines = 30): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }
}
