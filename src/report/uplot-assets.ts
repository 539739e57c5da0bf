import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** uPlot's script and stylesheet, read from the installed package: the report inlines them to open offline. */
export interface UplotAssets {
  script: string;
  style: string;
}

let assets: UplotAssets | undefined;

/**
 * Resolved from this module, so it works from the sources, the packed package and a bundle
 * (uplot has no `exports` map: its dist files resolve by path).
 */
export function uplotAssets(): UplotAssets {
  if (!assets) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
    assets = { script: read('uPlot.iife.min.js'), style: read('uPlot.min.css') };
  }
  return assets;
}
