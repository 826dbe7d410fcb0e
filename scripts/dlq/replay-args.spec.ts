import { describe, expect, it } from 'vitest';
import { parseReplayArgs } from './replay-args';

describe(parseReplayArgs.name, () => {
  it('reads every option', () => {
    expect(
      parseReplayArgs([
        '--topic',
        'gateway.request.completed.v1.dlq',
        '--group',
        'analytics-ingester.clickhouse',
        '--cause',
        'refused_by_sink',
        '--from-beginning',
        '--dry-run',
      ]),
    ).toEqual({
      topic: 'gateway.request.completed.v1.dlq',
      consumerGroup: 'analytics-ingester.clickhouse',
      cause: 'refused_by_sink',
      fromBeginning: true,
      dryRun: true,
    });
  });

  it('needs only the topic', () => {
    expect(parseReplayArgs(['--topic', 'gateway.request.completed.v1.dlq'])).toEqual({
      topic: 'gateway.request.completed.v1.dlq',
      fromBeginning: false,
      dryRun: false,
    });
  });

  it.each([
    ['no topic', [], /--topic must name a dead-letter topic/],
    [
      'a topic that is not a dead-letter topic',
      ['--topic', 'gateway.request.completed.v1'],
      /ending in \.dlq/,
    ],
    [
      'an unknown cause',
      ['--topic', 'x.dlq', '--cause', 'oops'],
      /--cause must be one of unparseable, invalid/,
    ],
    ['an unknown option', ['--topic', 'x.dlq', '--force'], /Unknown option '--force'/],
  ])('explains %s', (_what, argv, message) => {
    expect(parseReplayArgs(argv)).toEqual({ error: expect.stringMatching(message) });
  });
});
