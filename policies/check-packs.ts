// Start-up check of the pack registry: every pack well-formed, ids unique, and no two packs
// that could tie (same mechanism and specificity, overlapping dates and jurisdictions).
// Runs in the worker, the API and the CLI before anything is decided; not in workflow code.
import { z } from 'zod';
import { allPacks, packKey } from './registry';
import { specificity } from './select';
import { CONFIDENCES, MECHANISMS, type Jurisdiction, type PolicyPack } from './types';
import { isIsoDate } from './dates';
import { maLoanParametersSchema } from './ma-loan/parameters-schema';
import { rightsGrantParametersSchema } from './rights-grant/parameters-schema';
import { diligenceExemptionParametersSchema } from './diligence-exemption/parameters-schema';
import { deferredLicenceParametersSchema } from './deferred-licence/parameters-schema';
import { rewardParametersSchema } from './reward/parameters-schema';

const isoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
const packSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.string().regex(/^[0-9A-Za-z.-]+$/),
    mechanism: z.enum(MECHANISMS),
    title: z.string().min(1),
    jurisdiction: z.discriminatedUnion('level', [
      z.object({ level: z.literal('national') }),
      z.object({ level: z.literal('province'), provinces: z.array(z.string()).min(1) }),
      z.object({ level: z.literal('city'), cities: z.array(z.string()).min(1) }),
    ]),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable(),
    supersedes: z.string().optional(),
    confidence: z.enum(CONFIDENCES),
    sources: z
      .array(
        z.object({
          title: z.string(),
          issuer: z.string(),
          date: z.string(),
          confidence: z.enum(CONFIDENCES),
          note: z.string().optional(),
        }),
      )
      .min(1),
    assumptions: z.array(z.string()),
    parameters: z.unknown(),
  })
  .strict()
  .refine((p) => p.effectiveTo === null || p.effectiveTo > p.effectiveFrom, {
    message: 'effectiveTo must be after effectiveFrom',
    path: ['effectiveTo'],
  });

const PARAMETERS: Partial<Record<PolicyPack['mechanism'], z.ZodType>> = {
  'ma-loan': maLoanParametersSchema,
  'rights-grant': rightsGrantParametersSchema,
  'diligence-exemption': diligenceExemptionParametersSchema,
  'deferred-licence': deferredLicenceParametersSchema,
  reward: rewardParametersSchema,
};

function datesOverlap(a: PolicyPack, b: PolicyPack): boolean {
  const aEnd = a.effectiveTo ?? '9999-12-31';
  const bEnd = b.effectiveTo ?? '9999-12-31';
  return a.effectiveFrom < bEnd && b.effectiveFrom < aEnd;
}

function places(j: Jurisdiction): string[] | null {
  return j.level === 'national' ? null : j.level === 'city' ? j.cities : j.provinces;
}

function jurisdictionsOverlap(a: Jurisdiction, b: Jurisdiction): boolean {
  const pa = places(a);
  const pb = places(b);
  return pa === null || pb === null || pa.some((x) => pb.includes(x));
}

/** Every problem found, as readable lines; empty when the registry is sound. */
export function findPackProblems(packs: readonly PolicyPack[] = allPacks()): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const pack of packs) {
    const key = packKey(pack);
    if (seen.has(key)) problems.push(`${key}: released twice`);
    seen.add(key);
    const shape = packSchema.safeParse(pack);
    if (!shape.success) for (const i of shape.error.issues) problems.push(`${key}: ${i.path.join('.')} ${i.message}`);
    const params = PARAMETERS[pack.mechanism]?.safeParse(pack.parameters);
    if (params && !params.success)
      for (const i of params.error.issues) problems.push(`${key}: parameters.${i.path.join('.')} ${i.message}`);
    if (pack.supersedes && !packs.some((p) => packKey(p) === pack.supersedes))
      problems.push(`${key}: supersedes unknown pack ${pack.supersedes}`);
  }
  for (let i = 0; i < packs.length; i++) {
    for (let j = i + 1; j < packs.length; j++) {
      const [a, b] = [packs[i], packs[j]];
      if (
        a.mechanism === b.mechanism &&
        specificity(a) === specificity(b) &&
        datesOverlap(a, b) &&
        jurisdictionsOverlap(a.jurisdiction, b.jurisdiction)
      ) {
        problems.push(`${packKey(a)} and ${packKey(b)} tie: same scope level, overlapping dates and jurisdictions`);
      }
    }
  }
  return problems;
}

export function assertPacksSound(): void {
  const problems = findPackProblems();
  if (problems.length) throw new Error(`policy pack configuration error:\n  ${problems.join('\n  ')}`);
}
