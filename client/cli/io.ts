import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../issues';

/** Reads JSON from a file, or from standard input for "-". Unreadable or malformed input is invalid input (exit 2). */
export function readJsonInput(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidInputError([{ path: '', message: `cannot read ${file === '-' ? 'standard input' : file}: ${(error as Error).message}` }]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError([{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
}
