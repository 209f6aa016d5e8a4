// The shapes shared by every mechanism: policy packs (data) and decisions (docs/api.md §2).
// Type-only module plus constants: safe to import from workflow code.

export const MECHANISMS = ['ma-loan', 'rights-grant', 'deferred-licence', 'diligence-exemption', 'reward'] as const;
export type Mechanism = (typeof MECHANISMS)[number];

/** confirmed: wording seen in an official text; secondary: commentary or mirror; assumed: no source, a labelled default. */
export const CONFIDENCES = ['confirmed', 'secondary', 'assumed'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export interface PolicySource {
  title: string;
  issuer: string;
  date: string;
  confidence: Confidence;
  note?: string;
}

export type Jurisdiction =
  { level: 'national' } | { level: 'province'; provinces: string[] } | { level: 'city'; cities: string[] };

/** An immutable, versioned rule set. Never edited after release: a change is a new version. */
export interface PolicyPack<P = unknown> {
  id: string;
  version: string;
  mechanism: Mechanism;
  title: string;
  jurisdiction: Jurisdiction;
  /** Inclusive, YYYY-MM-DD. */
  effectiveFrom: string;
  /** Exclusive, YYYY-MM-DD; null while in force. */
  effectiveTo: string | null;
  supersedes?: string;
  confidence: Confidence;
  sources: PolicySource[];
  /** Every choice made without a source, in words, so the pack says what it assumes. */
  assumptions: string[];
  parameters: P;
}

/** What a decision records about the pack that made it: enough to find it again and prove it unchanged. */
export interface PolicyRef {
  id: string;
  version: string;
  hash: string;
}

export interface Check {
  id: string;
  passed: boolean;
  limit: number | string | boolean | string[] | null;
  actual: number | string | boolean | null;
  message: string;
}

export interface DecisionPolicy {
  id: string;
  version: string;
  title: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  confidence: Confidence;
  sources: Array<{ title: string; issuer: string; date: string }>;
  hash: string;
}

/** Why a pack was or was not chosen: the auditor's answer to "why this rule and not that one". */
export interface SelectionNote {
  policy: string;
  applied: boolean;
  reasons: string[];
}

export interface BaseDecision<M extends Mechanism, D extends string> {
  mechanism: M;
  decision: D;
  asOf: string;
  policy: DecisionPolicy;
  checks: Check[];
  selection: SelectionNote[];
}
