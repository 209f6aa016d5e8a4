// The workflow bundle's entry point: every workflow type the worker runs.
export { maLoanCheck } from './ma-loan-check';
export { rightsGrant } from './rights-grant';
export { deferredLicence } from './deferred-licence';
export { diligenceExemption } from './diligence-exemption';
export { transformationReward } from './transformation-reward';
