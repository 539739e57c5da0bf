export interface AppConfig {
  name: string;
  port: number;
  features: string[];
}

function validate(data: unknown, source: string): AppConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${source}: expected an object`);
  const record = data as Record<string, unknown>;
  if (typeof record.name !== 'string' || record.name === '') throw new Error(`${source}: "name" must be a non-empty string`);
  const port = record.port ?? 8080;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${source}: "port" must be an integer from 1 to 65535`);
  }
  const features = record.features ?? [];
  if (!Array.isArray(features) || !features.every((f) => typeof f === 'string')) {
    throw new Error(`${source}: "features" must be a list of strings`);
  }
  return { name: record.name, port, features };
}

export function parseConfig(text: string, source = 'config.json'): AppConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw `${source}: invalid JSON`;
  }
  return validate(data, source);
}

export interface Loaded {
  config: AppConfig;
  warning?: string;
}

/** Falls back to `fallback` on any problem, keeping the reason as a warning for the log. */
export function loadConfigOr(text: string, fallback: AppConfig, source?: string): Loaded {
  try {
    return { config: parseConfig(text, source) };
  } catch (err) {
    return { config: fallback, warning: (err as Error).message };
  }
}
