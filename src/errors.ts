/**
 * An input that can't be read (missing, not a spreadsheet, corrupt, encrypted,
 * too big, no tables) or a usage error. The CLI prints `message` as one line
 * and exits 2; nothing else is ever shown to the user for these.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
