/** Runs the CLI in this process with captured output (fast: no tsx start per command). */
import { runCli } from '../../../node/cli/main.js'

export interface CliResult {
  code: number
  out: string
  err: string
}

export async function runCliCaptured (argv: string[], env: NodeJS.ProcessEnv = {}, signal: AbortSignal = AbortSignal.timeout(60_000)): Promise<CliResult> {
  let out = ''
  let err = ''
  const code = await runCli(argv, {
    io: { out: text => { out += text }, err: text => { err += text }, env },
    signal
  })
  return { code, out, err }
}
