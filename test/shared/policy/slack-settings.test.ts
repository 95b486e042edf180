import { describe, expect, it } from 'vitest';
import { PolicyError, parsePolicy } from '../../../shared/policy/load.js';

describe('the policy slack section', () => {
  it('reads minSeverity, digestThreshold, reminders per severity and the deprecated reminderIntervalHours', () => {
    // Act
    const { slack } = parsePolicy(
      'slack:\n  minSeverity: high\n  digestThreshold: 5\n  reminders:\n    critical: 6\n  reminderIntervalHours: 12\n',
      'p.yml',
    );

    // Assess
    expect(slack).toEqual({
      minSeverity: 'high',
      digestThreshold: 5,
      reminders: { critical: 6 },
      reminderIntervalHours: 12,
    });
  });

  it.each([
    ['slack:\n  minSeverity: urgent\n', 'slack.minSeverity'],
    ['slack:\n  digestThreshold: 0\n', 'slack.digestThreshold'],
    ['slack:\n  reminders:\n    critical: 0.5\n', 'slack.reminders.critical'],
    ['slack:\n  reminders:\n    severe: 24\n', 'slack.reminders.severe'],
  ])('refuses %j naming %s', (text, path) => {
    // Act
    const parse = () => parsePolicy(text, 'p.yml');

    // Assess
    expect(parse).toThrow(PolicyError);
    expect(parse).toThrow(path);
  });
});
