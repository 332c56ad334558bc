/**
 * `npm run bench [filter]`: runs every bench/*.bench.ts (or those whose file name contains the
 * filter) and prints one JSON line per figure. Fails only on a broken run, never a slow one.
 */
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchContext, Figure } from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const filter = process.argv[2]
const files = readdirSync(here).filter(f => f.endsWith('.bench.ts')).filter(f => filter === undefined || f.includes(filter)).sort()

const ctx: BenchContext = {
  report (figure) {
    const ratio = figure.ratio ?? (figure.baseline === 0 ? 0 : figure.value / figure.baseline)
    const out: Figure = { ...figure, ratio: Number(ratio.toFixed(3)) }
    console.log(JSON.stringify(out))
  }
}

if (files.length === 0) {
  console.error(`no benchmark matches ${filter ?? ''}`)
  process.exit(1)
}
for (const file of files) {
  const mod = await import(pathToFileURL(join(here, file)).href) as { default: (ctx: BenchContext) => Promise<void> }
  await mod.default(ctx)
}
