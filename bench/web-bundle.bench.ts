/**
 * `web.bundle` (PERFORMANCE.md): the web client's initial JavaScript, gzipped: the entry script
 * web/index.html loads plus every chunk it preloads or imports statically, from a fresh
 * `vite build` of web/. Baseline, in the same run: the same files before gzip (ratio = gzip
 * share). `web.ready` is bench/web-ready.bench.ts.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { BenchContext } from './harness.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

export default async function webBundleBench (ctx: BenchContext): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'ferry-web-bench-'))
  try {
    const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'web/vite.config.ts'), '--outDir', out], { cwd: ROOT, encoding: 'utf8' })
    if (built.status !== 0) throw new Error(`vite build failed: ${built.stderr}`)
    const html = await readFile(join(out, 'index.html'), 'utf8')
    // The entry and what index.html preloads; then every chunk those import statically.
    const queue = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map(m => m[1] as string)
    const seen = new Set<string>()
    while (queue.length > 0) {
      const file = queue.shift() as string
      if (seen.has(file)) continue
      seen.add(file)
      const code = await readFile(join(out, file), 'utf8')
      for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(`assets/${m[1] as string}`)
    }
    let raw = 0
    let gzipped = 0
    for (const file of seen) {
      const bytes = await readFile(join(out, file))
      raw += bytes.length
      gzipped += gzipSync(bytes, { level: 9 }).length
    }
    const all = (await readdir(join(out, 'assets'))).filter(f => f.endsWith('.js')).length
    ctx.report({
      name: 'web.bundle',
      value: Math.round(gzipped / 1024),
      unit: 'kB gzip',
      baseline: Math.round(raw / 1024),
      ratio: gzipped / raw,
      detail: { initialFiles: seen.size, jsFilesInBuild: all, baselineIs: 'the same initial files before gzip (kB)' }
    })
  } finally {
    await rm(out, { recursive: true, force: true })
  }
}
