import { parseGoDuration } from './go-duration';

// BricksLLM's environment variable names, mapped once onto ours so a BricksLLM deployment's environment works
// unchanged. Ours win when both are set. ADMIN_PASS and PROXY_TIMEOUT are the same name in both.
type Env = NodeJS.ProcessEnv;

// One alias: the variable of ours it sets, and how it is read from BricksLLM's variables (undefined: not set).
interface EnvAlias {
  target: string;
  from: readonly string[];
  derive: (env: Env) => string | undefined;
}

const given = (value: string | undefined): value is string => value !== undefined && value !== '';

// BricksLLM's hosts are comma-separated; it connects to the first (one PostgreSQL, one Redis endpoint).
const firstHost = (hosts: string | undefined) => hosts?.split(',')[0]?.trim() || undefined;

// Built with URL escaping: BricksLLM splices the password into its DSN unescaped, so `&`, `#` or `%` break it.
function postgresUrl(env: Env): string | undefined {
  const host = firstHost(env['POSTGRESQL_HOSTS']);
  if (!host) return undefined;
  const url = new URL('postgres://localhost');
  url.hostname = host;
  url.port = env['POSTGRESQL_PORT'] || '5432';
  url.username = encodeURIComponent(env['POSTGRESQL_USERNAME'] ?? '');
  url.password = encodeURIComponent(env['POSTGRESQL_PASSWORD'] ?? '');
  // BricksLLM's empty database name means the server's default, which is the user's name.
  url.pathname = `/${encodeURIComponent(env['POSTGRESQL_DB_NAME'] || env['POSTGRESQL_USERNAME'] || '')}`;
  const sslMode = env['POSTGRESQL_SSL_MODE'];
  if (given(sslMode) && sslMode !== 'disable') url.searchParams.set('sslmode', sslMode);
  return url.toString();
}

function redisUrl(env: Env): string | undefined {
  const host = firstHost(env['REDIS_HOSTS']);
  if (!host) return undefined;
  const url = new URL('redis://localhost');
  url.hostname = host;
  url.port = env['REDIS_PORT'] || '6379';
  if (given(env['REDIS_PASSWORD'])) url.password = encodeURIComponent(env['REDIS_PASSWORD']);
  return url.toString();
}

// A Go duration as whole milliseconds; an unreadable one is passed on as is, so the schema names the variable.
function goDurationMs(name: string) {
  return (env: Env) => {
    const value = env[name];
    if (!given(value)) return undefined;
    const ms = parseGoDuration(value);
    return ms === null ? value : String(Math.round(ms));
  };
}

export const BRICKS_ENV_ALIASES: readonly EnvAlias[] = [
  {
    target: 'DATABASE_URL',
    from: [
      'POSTGRESQL_HOSTS',
      'POSTGRESQL_PORT',
      'POSTGRESQL_USERNAME',
      'POSTGRESQL_PASSWORD',
      'POSTGRESQL_DB_NAME',
      'POSTGRESQL_SSL_MODE',
    ],
    derive: postgresUrl,
  },
  { target: 'REDIS_URL', from: ['REDIS_HOSTS', 'REDIS_PORT', 'REDIS_PASSWORD'], derive: redisUrl },
  // BricksLLM polls PostgreSQL for config at this interval; the read model's poll is the same safety net.
  {
    target: 'CONFIG_POLL_INTERVAL_MS',
    from: ['IN_MEMORY_DB_UPDATE_INTERVAL'],
    derive: goDurationMs('IN_MEMORY_DB_UPDATE_INTERVAL'),
  },
];

// The environment with every alias applied where our own variable is unset; the input is not changed.
export function withBricksEnvAliases(env: Env): Env {
  const out: Env = { ...env };
  for (const alias of BRICKS_ENV_ALIASES) {
    if (given(out[alias.target])) continue;
    const value = alias.derive(env);
    if (value !== undefined) out[alias.target] = value;
  }
  return out;
}
