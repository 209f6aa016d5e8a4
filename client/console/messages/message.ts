/** One console message in each language. */
export interface Message {
  zh: string;
  en: string;
}

/** A catalog: message key → its text in each language. */
export type Messages = Record<string, Message>;
