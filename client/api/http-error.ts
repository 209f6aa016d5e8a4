// An answer a route decides itself (401, 403, 404, 409, 415…): its status, stable code and message.
// Mapped to its body with every other error in one table (client/errors.ts).
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
