// Names shared by workflows and their clients: task queue, search attributes, workflow ids.
// No Node imports: this module is bundled into workflow code.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const TASK_QUEUE = 'transferflow';

export const SEARCH_ATTRIBUTES = {
  caseKind: defineSearchAttributeKey('CaseKind', SearchAttributeType.KEYWORD),
  policyId: defineSearchAttributeKey('PolicyId', SearchAttributeType.KEYWORD),
  decision: defineSearchAttributeKey('Decision', SearchAttributeType.KEYWORD),
  jurisdiction: defineSearchAttributeKey('Jurisdiction', SearchAttributeType.KEYWORD),
} as const;

/** The dev server registers these at start (`--search-attribute Name=Keyword`). */
export const SEARCH_ATTRIBUTE_NAMES = Object.values(SEARCH_ATTRIBUTES).map((k) => k.name);

/** Who did something, as authenticated at the edge — never taken from a request body. */
export interface Actor {
  id: string;
  role: string;
}
