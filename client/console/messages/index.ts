// Every catalog of the console, merged into one table. A key defined by two catalogs is an
// error when this module loads, so one catalog can never silently change another's text.
import type { Message, Messages } from './message';
import { COMMON_MESSAGES } from './common';
import { PEOPLE_MESSAGES } from './people';
import { CASE_MESSAGES } from './cases';
import { NOTICE_MESSAGES } from './notices';

const CATALOGS = { common: COMMON_MESSAGES, people: PEOPLE_MESSAGES, cases: CASE_MESSAGES, notices: NOTICE_MESSAGES };

export type MessageKey =
  | keyof typeof COMMON_MESSAGES
  | keyof typeof PEOPLE_MESSAGES
  | keyof typeof CASE_MESSAGES
  | keyof typeof NOTICE_MESSAGES;

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
