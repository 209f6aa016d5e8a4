// Every catalog of the console, merged into one table. A key defined by two catalogs is an
// error when this module loads, so one catalog can never silently change another's text.
import type { Message, Messages } from './message';
import { COMMON_MESSAGES } from './common';
import { PEOPLE_MESSAGES } from './people';
import { CASE_MESSAGES } from './cases';
import { AUDIT_PAGE_MESSAGES } from './audit-pages';
import { TRAINING_MESSAGES } from './training';
import { REPORT_MESSAGES } from './reports';
import { REWARD_MESSAGES } from './rewards';
import { REASON_MESSAGES } from './reasons';
import { RENEWAL_MESSAGES } from './renewal';
import { NOTICE_MESSAGES } from './notices';
import { ISSUE_CODE_MESSAGES, ISSUE_TEXT_MESSAGES } from './input-issues';
import { DOCUMENT_2_MESSAGES } from './documents-2';

const CATALOGS = {
  common: COMMON_MESSAGES,
  people: PEOPLE_MESSAGES,
  cases: CASE_MESSAGES,
  auditPages: AUDIT_PAGE_MESSAGES,
  training: TRAINING_MESSAGES,
  reports: REPORT_MESSAGES,
  rewards: REWARD_MESSAGES,
  reasons: REASON_MESSAGES,
  renewal: RENEWAL_MESSAGES,
  notices: NOTICE_MESSAGES,
  inputIssues: ISSUE_CODE_MESSAGES,
  inputIssueTexts: ISSUE_TEXT_MESSAGES,
  documents2: DOCUMENT_2_MESSAGES,
};

export type MessageKey =
  | keyof typeof COMMON_MESSAGES
  | keyof typeof PEOPLE_MESSAGES
  | keyof typeof CASE_MESSAGES
  | keyof typeof AUDIT_PAGE_MESSAGES
  | keyof typeof TRAINING_MESSAGES
  | keyof typeof REPORT_MESSAGES
  | keyof typeof REWARD_MESSAGES
  | keyof typeof REASON_MESSAGES
  | keyof typeof RENEWAL_MESSAGES
  | keyof typeof NOTICE_MESSAGES
  | keyof typeof ISSUE_CODE_MESSAGES
  | keyof typeof DOCUMENT_2_MESSAGES;

function merge(catalogs: Record<string, Messages>): Readonly<Record<string, Message>> {
  const all: Record<string, Message> = {};
  const from: Record<string, string> = {};
  for (const [name, catalog] of Object.entries(catalogs))
    for (const [key, message] of Object.entries(catalog)) {
      if (key in all) throw new Error(`console message "${key}" is defined by both ${from[key]} and ${name}`);
      all[key] = message;
      from[key] = name;
    }
  return Object.freeze(all);
}

export const MESSAGES: Readonly<Record<string, Message>> = merge(CATALOGS);
