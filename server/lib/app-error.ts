/**
 * The one base for every feature's error. A feature declares its codes in `<feature>.errors.ts`
 * (`class DealError extends AppError<DealErrorCode> {}`); the API (`server/trpc/errors.ts`) and
 * the CLI (`server/cli/cli-errors.ts`) each map every code in one table. Throwers never choose an
 * HTTP status. Abstract, so nobody throws a code that no feature owns.
 */
export abstract class AppError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
