/**
 * `web.ready` (PERFORMANCE.md): page load to connected to the relay, for a returning user (the
 * account already in the browser), as the median over rounds with a cold HTTP cache; warm-cache
 * rounds in `detail`. Baseline, same rounds: the page's own load event (fetching, parsing and
 * running the app); the rest is restoring the device from IndexedDB, starting libp2p and the
 * WebSocket dial and handshake with the relay. Chromium runs only inside a private network
 * namespace (WEBRTC-TESTS.md), so the measuring half (bench/web-ready-probe.ts) runs there, under
 * scripts/netns-setup.sh, like the browser tests.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median, type BenchContext } from './harness.js'
import type { ReadySample } from './web-ready-probe.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** Even rounds cold, odd rounds warm. */
const ROUNDS = 10
const PROBE_TIMEOUT_MS = 240_000

/** unshare's flags for a private network namespace here: root needs -n, anyone else -rn. */
function namespaceFlags (): string {
  const candidates = process.getuid?.() === 0 ? ['-n', '-rn'] : ['-rn']
  for (const flags of candidates) {
    if (spawnSync('unshare', [flags, 'true']).status === 0) return flags
  }
  throw new Error('web.ready needs a private network namespace for Chromium (unshare -n or -rn), and none can be made here')
}

export default async function webReadyBench (ctx: BenchContext): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'ferry-web-ready-build-'))
  try {
    const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'web/vite.config.ts'), '--outDir', out, '--emptyOutDir'], { cwd: ROOT, encoding: 'utf8' })
    if (built.status !== 0) throw new Error(`vite build failed: ${built.stderr}`)
    const probe = spawnSync('unshare', [namespaceFlags(), 'bash', join(ROOT, 'scripts/netns-setup.sh'),
      process.execPath, '--import', 'tsx', join(ROOT, 'bench/web-ready-probe.ts'), out, String(ROUNDS)],
    { cwd: ROOT, encoding: 'utf8', timeout: PROBE_TIMEOUT_MS, killSignal: 'SIGKILL', stdio: ['ignore', 'pipe', 'pipe'] })
    const line = probe.stdout.split('\n').find(l => l.startsWith('{"cold"'))
    if (probe.status !== 0 || line === undefined) throw new Error(`web.ready probe failed (status ${String(probe.status)}): ${probe.stderr.slice(-2_000)}`)
    const { cold, warm } = JSON.parse(line) as { cold: ReadySample[], warm: ReadySample[] }
    const ready = median(cold.map(s => s.readyMs))
    const load = median(cold.map(s => s.loadMs))
    ctx.report({
      name: 'web.ready',
      value: Math.round(ready),
      unit: 'ms',
      baseline: Math.round(load),
      ratio: ready / load,
      detail: {
        rounds: cold.length,
        coldReadyMs: cold.map(s => Math.round(s.readyMs)).join('/'),
        warmReadyMedianMs: Math.round(median(warm.map(s => s.readyMs))),
        warmLoadMedianMs: Math.round(median(warm.map(s => s.loadMs))),
        baselineIs: 'the page\'s load event, same cold rounds (ms)'
      }
    })
  } finally {
    await rm(out, { recursive: true, force: true })
  }
}
