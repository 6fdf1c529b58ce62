// Readers that misbehave, for the isolation tests (run in a worker by runIsolated).
export function echo(x) {
  return { got: x };
}

/** Never returns: a reader stuck in a loop. */
export function spin() {
  for (;;);
}

/** Allocates until the heap limit ends it. */
export function hog() {
  const keep = [];
  for (;;) keep.push(new Array(1 << 16).fill(keep.length));
}

/** Throws an InputError-like error (the loaders' one-line errors are InputErrors). */
export function refuse(file) {
  const err = new Error(`${file}: refused: a page count (9,999) over the limit of 2,000`);
  err.name = 'InputError';
  throw err;
}

/** A bug: any other error. */
export function crash() {
  throw new TypeError("Cannot read properties of undefined (reading 'x')");
}
