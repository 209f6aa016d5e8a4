// Every released policy pack, by mechanism. Packs are JSON data; this module only lists them.
// Adding a pack: add its JSON file and one line below; never edit a released file.
import type { Mechanism, PolicyPack, PolicyRef, DecisionPolicy } from './types';
import { contentHash } from './canonical-json';
import maGuideline2015 from './ma-loan/packs/cn-ma-loan-guideline-2015@2015.1.json';
import maTechPilot2025 from './ma-loan/packs/cn-tech-ma-pilot@2025.1.json';
import maTechPilot2026 from './ma-loan/packs/cn-tech-ma-pilot@2026.1.json';
import maMeasures2025 from './ma-loan/packs/cn-ma-loan-measures-2025@2026.1.json';
import rgNational2020 from './rights-grant/packs/cn-rights-grant-pilot-2020@2020.1.json';
import rgHefei2025 from './rights-grant/packs/cn-hefei-metro-rights-grant@2025.1.json';
import rgGuangdong2024 from './rights-grant/packs/cn-guangdong-rights-grant@2024.1.json';
import deNational2016 from './diligence-exemption/packs/cn-diligence-exemption-2016@2016.1.json';
import deJiangsu2025 from './diligence-exemption/packs/cn-jiangsu-diligence-exemption@2025.1.json';
import dlNational2024 from './deferred-licence/packs/cn-deferred-licence@2024.1.json';
import rwLaw2015 from './reward/packs/cn-reward-law-2015@2015.1.json';
import rwLaw2018 from './reward/packs/cn-reward-law-2015@2018.1.json';
import rwZhejiang2021 from './reward/packs/cn-zhejiang-reward@2021.1.json';
import rwShandong2018 from './reward/packs/cn-shandong-reward@2018.1.json';
import rwBeijing2020 from './reward/packs/cn-beijing-reward@2020.1.json';
import rwShanghai2017 from './reward/packs/cn-shanghai-reward@2017.1.json';
import rwGuangdong2024 from './reward/packs/cn-guangdong-reward@2024.1.json';

const ALL = [
  maGuideline2015,
  maTechPilot2025,
  maTechPilot2026,
  maMeasures2025,
  rgNational2020,
  rgHefei2025,
  rgGuangdong2024,
  deNational2016,
  deJiangsu2025,
  dlNational2024,
  rwLaw2015,
  rwLaw2018,
  rwZhejiang2021,
  rwShandong2018,
  rwBeijing2020,
  rwShanghai2017,
  rwGuangdong2024,
] as unknown as PolicyPack[];

export function allPacks(): readonly PolicyPack[] {
  return ALL;
}

export function packsFor(mechanism: Mechanism): PolicyPack[] {
  return ALL.filter((p) => p.mechanism === mechanism);
}

export function packKey(pack: { id: string; version: string }): string {
  return `${pack.id}@${pack.version}`;
}

const hashes = new Map<PolicyPack, string>();

/** SHA-256 of the pack's canonical JSON: proves later that the pack that decided is unchanged. */
export function packHash(pack: PolicyPack): string {
  let hash = hashes.get(pack);
  if (!hash) {
    hash = contentHash(pack);
    hashes.set(pack, hash);
  }
  return hash;
}

export function packRef(pack: PolicyPack): PolicyRef {
  return { id: pack.id, version: pack.version, hash: packHash(pack) };
}

export class UnknownPolicyError extends Error {
  constructor(readonly key: string) {
    super(`no policy pack ${key}: see \`transferflow policies list\``);
    this.name = 'UnknownPolicyError';
  }
}

/** Accepts "id@version" or {id, version}. */
export function getPack(ref: string | { id: string; version: string }): PolicyPack {
  const key = typeof ref === 'string' ? ref : packKey(ref);
  const pack = ALL.find((p) => packKey(p) === key);
  if (!pack) throw new UnknownPolicyError(key);
  return pack;
}

const decisionPolicies = new WeakMap<PolicyPack, DecisionPolicy>();

/** What a decision says of its pack. A pack never changes, so this is made once per pack and shared, frozen. */
export function decisionPolicy(pack: PolicyPack): DecisionPolicy {
  let policy = decisionPolicies.get(pack);
  if (!policy) {
    const sources = pack.sources.map(({ title, issuer, date }) => Object.freeze({ title, issuer, date }));
    policy = Object.freeze({
      id: pack.id,
      version: pack.version,
      title: pack.title,
      effectiveFrom: pack.effectiveFrom,
      effectiveTo: pack.effectiveTo,
      confidence: pack.confidence,
      sources: Object.freeze(sources) as DecisionPolicy['sources'],
      hash: packHash(pack),
    });
    decisionPolicies.set(pack, policy);
  }
  return policy;
}
