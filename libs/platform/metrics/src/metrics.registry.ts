import { collectDefaultMetrics, Registry } from 'prom-client';

// The process's one metrics registry: every metric of the service, plus Node's default process metrics
// (CPU, memory, event loop lag, GC, handles), each labelled with the service that exported it. A registry of
// its own rather than prom-client's global one, so tests and a second application in one process never
// share or double-register series.
export class MetricsRegistry extends Registry {
  constructor(readonly service: string) {
    super();
    this.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this });
  }
}
