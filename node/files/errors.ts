import { FerryNodeError } from '../errors.js'

/** Every candidate final name for a download ("name", "name (1)", ...) is taken. */
export class NoFreeFileNameError extends FerryNodeError {
  override name = 'NoFreeFileNameError'
}
