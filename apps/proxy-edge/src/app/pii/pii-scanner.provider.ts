import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PiiScanClient } from '@tollgate/prompt-scan';
import { PROXY_EDGE_CONFIG, type ProxyEdgeConfig } from '../config';
import { PiiCounters } from './pii-counters';

// The process's one client of pii-redaction (keep-alive connections shared by every request) and the PII
// stage's counters, so whatever reports them (metrics) reads the same ones the stage writes.
@Injectable()
export class PiiScanner implements OnModuleDestroy {
  readonly client: PiiScanClient;
  readonly counters = new PiiCounters();

  constructor(@Inject(PROXY_EDGE_CONFIG) config: Pick<ProxyEdgeConfig, 'PII_REDACTION_URL'>) {
    this.client = new PiiScanClient({ url: config.PII_REDACTION_URL });
  }

  onModuleDestroy(): Promise<void> {
    return this.client.close();
  }
}
