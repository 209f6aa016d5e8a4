// The CLI's input and output: JSON read from a file or standard input, results printed as JSON or for people.
import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../issues';

/** Reads JSON from a file, or from standard input for "-". Unreadable or malformed input is invalid input (exit 2). */
export function readJsonInput(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidInputError([
      { path: '', message: `cannot read ${file === '-' ? 'standard input' : file}: ${(error as Error).message}` },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError([{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
}

/** Prints the result: JSON with --json, else the human form. */
export function print(value: unknown, asJson: boolean, human: () => string): void {
  process.stdout.write(asJson ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}
