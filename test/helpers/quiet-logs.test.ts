import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { describe, expect, it, vi } from 'vitest';
import { isPowertoolsLine, quietPowertools } from './quiet-logs.js';

describe('quietPowertools', () => {
  it('recognises every line the Powertools Logger and Metrics write, which a test capture still sees', () => {
    // Prepare
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const logger = new Logger({ serviceName: 'transit-guard' });
    const metrics = new Metrics({ namespace: 'TransitGuard', serviceName: 'transit-guard' });

    // Act
    logger.info('Action finished', { eventId: 'evt-1' });
    logger.warn('Action not carried out');
    logger.error('Action message failed', new Error('boom'));
    metrics.addMetric('Actions_remediated', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();

    // Assess
    expect(written).toHaveLength(4);
    expect(written[0]).toContain('"message":"Action finished"');
    expect(written.filter((line) => !isPowertoolsLine(line))).toEqual([]);
  });

  it('drops the Powertools lines and passes everything else through unchanged, however often installed', () => {
    // Prepare
    const write = vi.fn((..._args: unknown[]) => true);
    const stream = { write } as unknown as NodeJS.WriteStream;
    quietPowertools(stream);
    const filtered = stream.write;
    quietPowertools(stream);
    const done = () => undefined;

    // Act
    stream.write('{"level":"INFO","message":"Action finished","timestamp":"2026-03-16T10:00:00.000Z"}\n');
    stream.write(Buffer.from('{"_aws":{"Timestamp":1},"Actions_remediated":1}\n'));
    stream.write(' ✓ test/functions/remediate.test.ts (12 tests)\n');
    stream.write('{"level":"INFO","detail":"an event without a message"}\n', done);
    stream.write('{"level":\n');

    // Assess
    expect(stream.write).toBe(filtered);
    expect(write.mock.calls).toEqual([
      [' ✓ test/functions/remediate.test.ts (12 tests)\n'],
      ['{"level":"INFO","detail":"an event without a message"}\n', done],
      ['{"level":\n'],
    ]);
  });
});
