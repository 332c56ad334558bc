/**
 * Asking the user a yes/no question: the question goes to the command's output, the answer is one
 * line from the CLI's input (standard input unless the caller gave another, as tests do). The end
 * of input counts as "no", so a command run without a terminal never says yes by accident.
 */
import { createInterface } from 'node:readline'
import type { CliIo } from './command.js'

/** One line from standard input, or undefined at its end; rejects with the signal's reason. */
export async function readStdinLine (signal: AbortSignal): Promise<string | undefined> {
  signal.throwIfAborted()
  const lines = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity })
  let onAbort = (): void => {}
  try {
    return await new Promise<string | undefined>((resolve, reject) => {
      lines.once('line', resolve)
      lines.once('close', () => { resolve(undefined) })
      onAbort = () => { reject(signal.reason) }
      signal.addEventListener('abort', onAbort, { once: true })
    })
  } finally {
    signal.removeEventListener('abort', onAbort)
    // Pauses stdin again, so it no longer holds the process open.
    lines.close()
  }
}

/** Prints `question` and reads the answer: true only for y or yes (any case). */
export async function confirm (io: CliIo, question: string, signal: AbortSignal): Promise<boolean> {
  io.out(`${question} [y/N] `)
  const answer = await (io.readLine === undefined ? readStdinLine(signal) : io.readLine(signal))
  if (answer === undefined) io.out('\n')
  return /^\s*(y|yes)\s*$/i.test(answer ?? '')
}
