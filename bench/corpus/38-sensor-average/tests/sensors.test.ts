import { describe, expect, it } from 'vitest';
import { average, bySensor, sensorAverages, windowAverage } from '../src/sensors.ts';

const readings = [
  { sensor: 'kitchen', value: 20, at: 0 },
  { sensor: 'kitchen', value: 22, at: 1_000 },
  { sensor: 'garage', value: 8, at: 1_500 },
  { sensor: 'kitchen', value: 24.5, at: 2_000 },
];

describe('sensor averages', () => {
  it('averages values', () => {
    expect(average([1, 2, 3, 4])).toBe(2.5);
  });

  it('groups readings by sensor', () => {
    expect(Object.fromEntries(bySensor(readings))).toEqual({ kitchen: [20, 22, 24.5], garage: [8] });
  });

  it('averages each sensor', () => {
    expect(sensorAverages(readings)).toEqual({ kitchen: 22.17, garage: 8 });
  });

  it('averages a time window', () => {
    expect(windowAverage(readings, 'kitchen', 500, 2_500)).toBe(23.25);
  });

  it('averages an empty list to 0', () => {
    expect(average([])).toBe(0);
  });
});
