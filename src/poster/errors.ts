import { UserError } from '../errors.js';

/**
 * A poster cannot be made from this input (a missing or oversized image, an unsupported format, a
 * price that does not fit): a user error that names the field to fix, e.g. `products[1].image` or
 * `templates/posters/teaser.json layers[4].size`. Printed without a stack; exit code 1.
 */
export class PosterError extends UserError {
  readonly field: string;
  constructor(field: string, message: string, hint?: string) {
    super(`${field}: ${message}`, { hint });
    this.name = 'PosterError';
    this.field = field;
  }
}

/** Something a marketer should know about a poster that was still made (a cut text, an empty placeholder). */
export interface PosterWarning {
  /** The poster: `room`, `wave/t-3d`, `after/replay`. */
  poster: string;
  /** The campaign or template field concerned, when there is one. */
  field?: string;
  message: string;
}
