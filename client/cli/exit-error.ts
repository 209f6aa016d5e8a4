/** Ends a CLI command with this exit code and message (3: a server unreachable, 1: anything else). */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
