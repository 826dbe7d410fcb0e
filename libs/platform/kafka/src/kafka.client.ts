import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  // TLS and SASL for a managed Kafka (kafkaSecurityOf); none: plaintext, unauthenticated.
  security?: KafkaSecurity;
  // Start while Kafka is unreachable and provision topics in the background (proxy-edge: usage events spool
  // to disk and config comes from PostgreSQL meanwhile). By default a service does not start without Kafka.
  startWithoutKafka?: boolean;
}

// kafkajs logs through Nest's JSON logger, at WARN and above (its INFO is very chatty).
export function createKafka(options: KafkaOptions): Kafka {
  const logger = new Logger('kafkajs');
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...options.security,
    connectionTimeout: 3_000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...rest } = log;
        const line = `${message} ${JSON.stringify(rest)}`;
        if (level === logLevel.ERROR) logger.error(line);
        else logger.warn(line);
      },
  });
}

export type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

// The KAFKA_SSL* and KAFKA_SASL_* variables (KafkaEnv) as kafkajs options.
export interface KafkaSecurityEnv {
  KAFKA_SSL: boolean;
  KAFKA_SSL_CA_FILE?: string | undefined;
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512' | undefined;
  KAFKA_SASL_USERNAME?: string | undefined;
  KAFKA_SASL_PASSWORD?: string | undefined;
}

// Throws at start, naming the variable, for a SASL mechanism without its credentials or an unreadable CA file.
export function kafkaSecurityOf(env: KafkaSecurityEnv): KafkaSecurity {
  const security: KafkaSecurity = {};
  if (env.KAFKA_SSL_CA_FILE) security.ssl = { ca: [readCaFile(env.KAFKA_SSL_CA_FILE)] };
  else if (env.KAFKA_SSL) security.ssl = true;
  const {
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: password,
  } = env;
  if (mechanism) {
    if (!username || !password)
      throw new Error(`KAFKA_SASL_MECHANISM=${mechanism} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD`);
    security.sasl = { mechanism, username, password } as SASLOptions;
  } else if (username || password) {
    throw new Error(
      'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD need KAFKA_SASL_MECHANISM (plain, scram-sha-256 or scram-sha-512)',
    );
  }
  return security;
}

function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`KAFKA_SSL_CA_FILE ${path} cannot be read: ${String(error)}`);
  }
}
