/**
 * The one error of the geometry core, the twin of `fovea.domain.errors.SequenceError`.
 *
 * `path` locates the first problem in wire terms ("keyframes[2].frame", "segments[0].bezier",
 * "visible[1]", "$" for the document itself) so a form can point at the field; `message` says
 * what is wrong in words, as in Python (`toString()` adds the path).
 */
export class SequenceError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.name = "SequenceError";
    this.path = path;
  }

  override toString(): string {
    return `${this.name}: ${this.path}: ${this.message}`;
  }
}
