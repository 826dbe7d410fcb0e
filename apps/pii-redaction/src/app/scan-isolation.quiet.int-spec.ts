import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPiiRedaction, type PiiRedactionTestApp } from './pii-redaction-test-app.test-support';
import { MAX_BYTES, post, PROMPT_2KB, scanRequest } from './scan-requests.test-support';

// Timed, so run alone on the machine (the `quiet` step of make test): other suites' CPU would count as the
// service's own. One catastrophic pattern on a huge text must not hold up other callers' scans.
describe('pii-redaction under a catastrophic pattern (the service in process, real detection workers)', () => {
  let service: PiiRedactionTestApp;
  const scan = (body: unknown) => post(service.url, body);

  beforeAll(async () => {
    service = await startPiiRedaction({ PII_SCAN_MAX_BYTES: String(MAX_BYTES) });
  });
  afterAll(() => service?.close());

  it('serves other calls at their usual speed while (a+)+$ runs on a 4 MB "aaa…!" text', async () => {
    const catastrophic = scanRequest({
      policyId: 'user-regex',
      policy: { regexConfig: { rules: [{ definition: '(a+)+$', action: 'block' }] } },
      texts: [`${'a'.repeat(MAX_BYTES - 1)}!`],
      deadlineMs: 30_000,
    });
    const normal = scanRequest({ texts: [PROMPT_2KB] });
    const longCalls = [scan(catastrophic), scan(catastrophic)];
    const normalLatencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await scan(normal);
      expect(res.body.action).toBe('redacted');
      normalLatencies.push(res.ms);
    }
    const long = await Promise.all(longCalls);
    // RE2 runs the pattern in linear time: the texts are scanned, not blocked by a timeout.
    expect(long.map((r) => r.body.action)).toEqual(['allowed', 'allowed']);
    const slowestNormal = Math.max(...normalLatencies);
    const longest = Math.max(...long.map((r) => r.ms));
    console.log(
      `normal calls: slowest ${slowestNormal.toFixed(1)} ms; long calls: ${long.map((r) => r.ms.toFixed(0)).join(', ')} ms`,
    );
    expect(slowestNormal).toBeLessThan(250);
    // The normal calls ran while the long ones were still going, not after them.
    expect(normalLatencies.reduce((a, b) => a + b, 0)).toBeLessThan(longest);
  });
});
