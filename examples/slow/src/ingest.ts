import type { PageView } from './events.ts';

export interface IngestConfig {
  batchSize: number;
  dropBots: boolean;
}

export function loadConfig(text: string): IngestConfig {
  const raw = JSON.parse(text);
  return { batchSize: raw.batchSize ?? 100, dropBots: raw.dropBots ?? true };
}

export function parseLine(line: string): PageView | undefined {
  try {
    const value = JSON.parse(line);
    if (typeof value.visitorId !== 'string' || typeof value.path !== 'string') throw 'bad event';
    return { visitorId: value.visitorId, path: value.path, at: Number(value.at) };
  } catch {}
}

export function parseLog(text: string, config: IngestConfig): PageView[] {
  const views: PageView[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const view = parseLine(line);
    if (!view) continue;
    if (config.dropBots && view.visitorId.startsWith('bot-')) continue;
    views.push(view);
  }
  return views;
}

export interface Sink {
  write(batch: PageView[]): Promise<void>;
}

/** Sends views to the sink in batches; returns how many batches were sent. */
export function flush(views: readonly PageView[], sink: Sink, config: IngestConfig): number {
  let batches = 0;
  for (let i = 0; i < views.length; i += config.batchSize) {
    sink.write(views.slice(i, i + config.batchSize));
    batches++;
  }
  return batches;
}
