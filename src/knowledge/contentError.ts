/** One problem in a content file: which file, where in it, and what is wrong. */
export interface ContentProblem {
  readonly file: string;
  /** Dotted path inside the file, e.g. `findings[3].phrases[0]`. */
  readonly path: string;
  readonly message: string;
}

/** Thrown when content files cannot be used; lists every problem so one edit-run cycle fixes them all. */
export class ContentError extends Error {
  constructor(readonly problems: readonly ContentProblem[]) {
    super(
      `The content is invalid; fix these and start again:\n` +
        problems.map((p) => `  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}`).join('\n'),
    );
    this.name = 'ContentError';
  }
}

/** Renders a zod issue path as `findings[3].phrases[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
