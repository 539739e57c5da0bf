import type { Category, Finding } from '../contract/finding.ts';
import type { ImprovementReport } from '../contract/report.ts';
import { findRegistration, registeredSuggesters } from '../suggest/registry.ts';
import { worthAnotherCycle } from './green.ts';

export type Unaddressed = NonNullable<ImprovementReport['unaddressed']>;

/**
 * The findings worth another cycle that the run's suggester cannot act on (its registration's
 * `handles`), and why they are left: which suggester would act on them and what it needs. A run
 * that ends "unchanged" with findings left says so instead of nothing.
 */
export function unaddressedFindings(findings: readonly Finding[], suggester: string): Unaddressed | undefined {
  const used = findRegistration(suggester);
  const handles = used?.registration.handles;
  if (!used || !handles) return undefined;
  const left = findings.filter((f) => worthAnotherCycle(f) && !handles.includes(f.category));
  if (left.length === 0) return undefined;
  const categories = [...new Set(left.map((f) => f.category))];
  const cannot = `suggester '${used.name}' acts on ${list(handles)} findings only`;
  return { count: left.length, categories, reason: `${cannot}; ${whatWouldAct(categories, used.name)}` };
}

/** The best-ranked other suggester that acts on every category, as `auto` would rank it, and what it needs. */
function whatWouldAct(categories: readonly Category[], except: string): string {
  const able = registeredSuggesters()
    .filter((name) => name !== except)
    .flatMap((name) => {
      const found = findRegistration(name);
      const handles = found?.registration.handles;
      return found && (!handles || categories.every((c) => handles.includes(c))) ? [found] : [];
    })
    .sort((a, b) => (b.registration.autoRank ?? -1) - (a.registration.autoRank ?? -1));
  const best = able[0];
  if (!best) return `no registered suggester acts on ${list(categories)} findings`;
  const { name, registration } = best;
  const needs = registration.available?.() === false && registration.requires ? `, and needs ${registration.requires}` : '';
  return `suggester '${name}' would act on ${list(categories)} findings${needs}`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
