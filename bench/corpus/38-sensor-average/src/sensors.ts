export interface Reading {
  sensor: string;
  value: number;
  at: number;
}

export function average(values: readonly number[]): number {
  const sum = values.reduce((a, b) => a + b, 0);
  return sum / values.length;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function bySensor(readings: readonly Reading[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const r of readings) groups.set(r.sensor, [...(groups.get(r.sensor) ?? []), r.value]);
  return groups;
}

export function sensorAverages(readings: readonly Reading[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [sensor, values] of bySensor(readings)) out[sensor] = round2(average(values));
  return out;
}

/** Average of one sensor over [from, to). */
export function windowAverage(readings: readonly Reading[], sensor: string, from: number, to: number): number {
  const values = readings.filter((r) => r.sensor === sensor && r.at >= from && r.at < to).map((r) => r.value);
  return round2(average(values));
}

/** Hourly averages for a sensor, one per hour starting at `from`. */
export function hourly(readings: readonly Reading[], sensor: string, from: number, hours: number): number[] {
  const HOUR = 3_600_000;
  return Array.from({ length: hours }, (_, i) => windowAverage(readings, sensor, from + i * HOUR, from + (i + 1) * HOUR));
}
