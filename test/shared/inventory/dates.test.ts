import { describe, expect, it } from 'vitest';
import { toIsoDate } from '../../../shared/inventory/dates.js';

describe('toIsoDate', () => {
  it.each([
    ['an ISO string with a Z', '2016-11-11T23:12:04.075Z', '2016-11-11T23:12:04.075Z'],
    [
      'an ISO string with microseconds and an offset',
      '2017-11-09T12:35:43.639000-05:00',
      '2017-11-09T17:35:43.639Z',
    ],
    ['epoch seconds as a float (AWS CLI)', 1478433600.0, '2016-11-06T12:00:00.000Z'],
    ['epoch seconds with a fraction', 1726837331.402, '2024-09-20T13:02:11.402Z'],
    ['epoch milliseconds (Config classic ELB createdTime)', 1532483585380, '2018-07-25T01:53:05.380Z'],
    ['epoch seconds written as a string', '1446835267.0', '2015-11-06T18:41:07.000Z'],
    [
      'a Python repr with tzlocal (read as UTC)',
      'datetime.datetime(2020, 4, 22, 13, 13, 17, 718000, tzinfo=tzlocal())',
      '2020-04-22T13:13:17.718Z',
    ],
    [
      'a Python repr without seconds',
      'datetime.datetime(2025, 12, 1, 0, 0, tzinfo=tzutc())',
      '2025-12-01T00:00:00.000Z',
    ],
    ['an RFC 1123 date', 'Mon, 06 May 2019 18:45:10 GMT', '2019-05-06T18:45:10.000Z'],
  ])('reads %s', (_what, input, expected) => {
    // Prepare, Act
    const iso = toIsoDate(input);

    // Assess
    expect(iso).toBe(expected);
  });

  it('reads a text it has read before the same way, a date or not', () => {
    // Prepare
    const texts = [' 2016-11-11T23:12:04.075Z ', 'not a date', '2025-02-30T00:00:00.000Z'];

    // Act
    const first = texts.map(toIsoDate);
    const again = texts.map(toIsoDate);

    // Assess
    expect(first).toEqual(['2016-11-11T23:12:04.075Z', undefined, '2025-03-02T00:00:00.000Z']);
    expect(again).toEqual(first);
  });

  it('reads a placebo datetime object', () => {
    // Prepare
    const placebo = {
      __class__: 'datetime',
      year: 2020,
      month: 1,
      day: 7,
      hour: 7,
      minute: 0,
      second: 0,
      microsecond: 500000,
    };

    // Act
    const iso = toIsoDate(placebo);

    // Assess
    expect(iso).toBe('2020-01-07T07:00:00.500Z');
  });

  it.each([
    ['garbage text', 'next tuesday'],
    ['an impossible Python date', 'datetime.datetime(2020, 2, 31, 0, 0)'],
    ['a truncated Python repr', 'datetime.datetime(2020'],
    ['an object that is not a placebo datetime', { year: 2020 }],
    ['a placebo object without a month', { __class__: 'datetime', year: 2020 }],
    ['a boolean', true],
    ['null', null],
    ['an empty string', ''],
    ['infinity', Number.POSITIVE_INFINITY],
  ])('leaves %s undefined instead of throwing', (_what, input) => {
    // Prepare, Act
    const iso = toIsoDate(input);

    // Assess
    expect(iso).toBeUndefined();
  });
});
