// Deterministic pack selection (docs/domain.md §0): among the packs of a mechanism in force on the
// decision date, the most specific one whose scope conditions all hold. Pure: no clock, no I/O.
import type { Jurisdiction, Mechanism, PolicyPack, SelectionNote } from './types';
import { inRange } from './dates';
import { packKey, packsFor } from './registry';

export interface ScopeResult {
  holds: boolean;
  /** Why the pack applies or not, in words an auditor can read. */
  reasons: string[];
}

export type ScopeTest<I> = (pack: PolicyPack, input: I) => ScopeResult;

const SPECIFICITY: Record<Jurisdiction['level'], number> = { national: 0, province: 1, city: 2 };

export function specificity(pack: PolicyPack): number {
  return SPECIFICITY[pack.jurisdiction.level];
}

export class NoPolicyInForceError extends Error {
  constructor(
    readonly mechanism: Mechanism,
    readonly asOf: string,
  ) {
    super(
      `no ${mechanism} policy pack is in force on ${asOf}: see \`transferflow policies list --mechanism ${mechanism}\``,
    );
    this.name = 'NoPolicyInForceError';
  }
}

export class PolicyTieError extends Error {
  constructor(
    readonly packs: string[],
    readonly asOf: string,
  ) {
    super(`policy packs ${packs.join(' and ')} tie on ${asOf}: a configuration error, one must be narrowed`);
    this.name = 'PolicyTieError';
  }
}

export interface Selection {
  pack: PolicyPack;
  notes: SelectionNote[];
}

/** The packs in force from one date (inclusive) until the next period's, most specific first. */
interface Period {
  from: string;
  packs: PolicyPack[];
}

const periods = new Map<Mechanism, Period[]>();

/**
 * A mechanism's timeline, cut at every date a pack starts or ends: between two cuts the packs in
 * force do not change, so a selection looks its date up instead of filtering and sorting every
 * pack on every call. Built once; the registry is fixed at build time.
 */
function timeline(mechanism: Mechanism): Period[] {
  let built = periods.get(mechanism);
  if (!built) {
    const packs = packsFor(mechanism);
    const cuts = [
      ...new Set(packs.flatMap((p) => (p.effectiveTo ? [p.effectiveFrom, p.effectiveTo] : [p.effectiveFrom]))),
    ];
    built = cuts.sort().map((from) => ({
      from,
      // A stable sort keeps the registry's order among equally specific packs, as the notes list them.
      packs: packs
        .filter((p) => inRange(from, p.effectiveFrom, p.effectiveTo))
        .sort((a, b) => specificity(b) - specificity(a)),
    }));
    periods.set(mechanism, built);
  }
  return built;
}

/** The period of a mechanism's timeline a date falls in (undefined before the first). */
function periodOn(mechanism: Mechanism, asOf: string): Period | undefined {
  const line = timeline(mechanism);
  let lo = 0;
  let hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (line[mid].from <= asOf) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : line[lo - 1];
}

/** The packs of a mechanism in force on a date, most specific first (empty before the first). */
export function packsInForce(mechanism: Mechanism, asOf: string): readonly PolicyPack[] {
  return periodOn(mechanism, asOf)?.packs ?? [];
}

function select<I>(
  mechanism: Mechanism,
  asOf: string,
  inForce: readonly PolicyPack[],
  input: I,
  scopeTest: ScopeTest<I>,
) {
  if (inForce.length === 0) throw new NoPolicyInForceError(mechanism, asOf);
  const tested = inForce.map((pack) => ({ pack, scope: scopeTest(pack, input) }));
  const holding = tested.filter((t) => t.scope.holds);
  if (holding.length === 0) throw new NoPolicyInForceError(mechanism, asOf);
  const [best, next] = holding;
  if (next && specificity(next.pack) === specificity(best.pack)) {
    throw new PolicyTieError([packKey(best.pack), packKey(next.pack)], asOf);
  }
  const notes = tested.map((t) => ({
    policy: packKey(t.pack),
    applied: t.pack === best.pack,
    reasons:
      t.pack === best.pack || !t.scope.holds
        ? t.scope.reasons
        : [...t.scope.reasons, `a more specific pack (${packKey(best.pack)}) applies`],
  }));
  return { pack: best.pack, notes };
}

export function selectPack<I>(mechanism: Mechanism, asOf: string, input: I, scopeTest: ScopeTest<I>): Selection {
  return select(mechanism, asOf, packsInForce(mechanism, asOf), input, scopeTest);
}

/**
 * What a scope test reads of an input, in two parts: a place (or any text) and a small whole
 * number for the rest (flags, an enum's index). Two inputs with the same parts are in or out of
 * each pack for the same reasons.
 */
export interface ScopeKey<I> {
  place(input: I): string;
  /** 0 ≤ code < 256; −1 for an input not to remember (it is selected afresh). */
  code(input: I): number;
}

/** Remembered selections per period, by place then code; cleared when full, so arbitrary places cannot grow it without end. */
const remembered = new WeakMap<Period, Map<string, Array<Selection | undefined>>>();
const PLACES_PER_PERIOD = 4096;

/**
 * selectPack for a hot path (a loan check's): `scopeKey` names every part of the input the scope
 * test reads, so two inputs with the same key get the same selection — remembered per period of
 * the timeline and shared, frozen, by the decisions that carry it. A refusal (no pack, a tie) is
 * thrown afresh each time.
 */
export function selectPackRemembered<I>(
  mechanism: Mechanism,
  asOf: string,
  input: I,
  scopeTest: ScopeTest<I>,
  scopeKey: ScopeKey<I>,
): Selection {
  const period = periodOn(mechanism, asOf);
  if (!period) throw new NoPolicyInForceError(mechanism, asOf);
  const code = scopeKey.code(input);
  if (code < 0) return select(mechanism, asOf, period.packs, input, scopeTest);
  let byPlace = remembered.get(period);
  if (!byPlace) remembered.set(period, (byPlace = new Map()));
  const place = scopeKey.place(input);
  let byCode = byPlace.get(place);
  if (!byCode) {
    if (byPlace.size >= PLACES_PER_PERIOD) byPlace.clear();
    byPlace.set(place, (byCode = []));
  }
  let selection = byCode[code];
  if (!selection) {
    selection = freezeSelection(select(mechanism, asOf, period.packs, input, scopeTest));
    byCode[code] = selection;
  }
  return selection;
}

function freezeSelection(s: Selection): Selection {
  for (const note of s.notes) Object.freeze(Object.freeze(note).reasons);
  Object.freeze(s.notes);
  return Object.freeze(s);
}
