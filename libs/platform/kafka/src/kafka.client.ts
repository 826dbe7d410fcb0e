import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
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
