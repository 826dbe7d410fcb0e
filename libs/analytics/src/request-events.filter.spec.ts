import { describe, expect, it } from 'vitest';
import { requestEventsWhere } from './request-events.filter';

describe(requestEventsWhere.name, () => {
  it('matches everything without filters', () => {
    expect(requestEventsWhere({}).text).toBe('1');
  });

  it('joins every given filter, each value escaped', () => {
    expect(
      requestEventsWhere({
        start: 100,
        end: 200,
        keyIds: ["k'1", 'k2'],
        tags: ['team-a'],
        customIds: ['run-1'],
        userIds: ['ann'],
        status: 200,
      }).text,
    ).toBe(
      "1 AND created_at >= toDateTime(100) AND created_at < toDateTime(200) AND key_id IN ('k\\'1', 'k2') " +
        "AND hasAll(tags, ['team-a']) AND custom_id IN ('run-1') AND user_id IN ('ann') AND status = 200",
    );
  });

  it('filters on the PII policy and its action (BricksLLM policyIds and actions)', () => {
    expect(requestEventsWhere({ policyIds: ['p1'], actions: ['blocked', 'warned'] }).text).toBe(
      "1 AND policy_id IN ('p1') AND pii_action IN ('blocked', 'warned')",
    );
  });

  it('leaves out empty lists (no filter, not an empty IN)', () => {
    expect(requestEventsWhere({ keyIds: [], tags: [], userIds: [] }).text).toBe('1');
  });
});
