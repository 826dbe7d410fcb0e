import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kafkaSecurityOf } from './kafka.client';

describe(kafkaSecurityOf.name, () => {
  it('is plaintext and unauthenticated when nothing is set', () => {
    expect(kafkaSecurityOf({ KAFKA_SSL: false })).toEqual({});
  });

  it('turns on TLS with the system’s CAs, or with the CA file’s PEM', () => {
    expect(kafkaSecurityOf({ KAFKA_SSL: true })).toEqual({ ssl: true });
    const file = join(mkdtempSync(join(tmpdir(), 'kafka-ca-')), 'ca.pem');
    writeFileSync(file, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(kafkaSecurityOf({ KAFKA_SSL: true, KAFKA_SSL_CA_FILE: file })).toEqual({
      ssl: { ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'] },
    });
  });

  it('passes SASL credentials for PLAIN and SCRAM', () => {
    expect(
      kafkaSecurityOf({
        KAFKA_SSL: true,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'svc',
        KAFKA_SASL_PASSWORD: 'pw',
      }),
    ).toEqual({ ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 'pw' } });
  });

  it('refuses to start with half a configuration, naming the variables', () => {
    expect(() => kafkaSecurityOf({ KAFKA_SSL: false, KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      /KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
    );
    expect(() => kafkaSecurityOf({ KAFKA_SSL: false, KAFKA_SASL_USERNAME: 'svc' })).toThrow(
      /need KAFKA_SASL_MECHANISM/,
    );
    expect(() => kafkaSecurityOf({ KAFKA_SSL: true, KAFKA_SSL_CA_FILE: '/no/such/ca.pem' })).toThrow(
      /KAFKA_SSL_CA_FILE \/no\/such\/ca.pem cannot be read/,
    );
  });
});
