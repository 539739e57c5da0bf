import { describe, expect, it } from 'vitest';
import { hourly, sensorAverages, windowAverage } from '../src/sensors.ts';

const HOUR = 3_600_000;
const readings = [
  { sensor: 'a', value: 10, at: 0 },
  { sensor: 'a', value: 14, at: HOUR / 2 },
  { sensor: 'a', value: -3, at: 2 * HOUR + 5 },
  { sensor: 'b', value: 1, at: HOUR },
];

describe('sensor averages (held out)', () => {
  it('an empty window averages to 0', () => {
    expect(windowAverage(readings, 'a', HOUR, 2 * HOUR)).toBe(0);
    expect(windowAverage(readings, 'nobody', 0, 10 * HOUR)).toBe(0);
  });

  it('hourly averages include empty hours as 0', () => {
    expect(hourly(readings, 'a', 0, 4)).toEqual([12, 0, -3, 0]);
  });

  it('averages negative values normally', () => {
    expect(windowAverage(readings, 'a', 2 * HOUR, 3 * HOUR)).toBe(-3);
    expect(sensorAverages([])).toEqual({});
  });
});
