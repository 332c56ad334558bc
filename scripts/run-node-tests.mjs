#!/usr/bin/env node
// Runs every Node-side test file (*.test.ts outside test/browser) with node's own test runner.
// Node 20's --test takes no globs, so the files are found here.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const roots = ['core', 'node', 'relay', 'web', 'test']
const skipDirs = new Set(['node_modules', 'dist', 'browser'])
const filter = process.argv[2]

function walk (dir, out) {
  let entries
  try { entries = readdirSync(dir) } catch { return out }
  for (const name of entries) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (!skipDirs.has(name)) walk(path, out)
    } else if (name.endsWith('.test.ts')) {
      out.push(path)
    }
  }
  return out
}

const files = roots.flatMap(root => walk(root, [])).filter(f => filter === undefined || f.includes(filter)).sort()
if (files.length === 0) {
  console.error('no test files found')
  process.exit(1)
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' })
process.exit(result.status ?? 1)
