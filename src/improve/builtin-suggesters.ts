import { createRepairSuggester } from '../suggest/repair/engine.ts';
import { registerSuggester } from './suggesters.ts';

/**
 * The suggesters that ship with the package. `repair` (offline search-based repair, no model)
 * works everywhere, so `auto` falls back to it; model suggesters register with a higher rank.
 */
registerSuggester('repair', { factory: () => createRepairSuggester(), autoRank: 10 });
