import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { commands } from '../../node/cli/main.js'
import { runCliCaptured } from './support/run-cli.js'

const REPO = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(REPO, 'bin', 'ferry.js')
const REQUIRED_COMMANDS = [
  'init', 'daemon', 'whoami', 'invite', 'contacts', 'contacts add', 'send', 'conversations', 'messages', 'requests', 'requests accept', 'events', 'testnet',
  'download', 'location', 'location update', 'location stop', 'react', 'edit', 'unsend', 'read', 'typing', 'settings', 'presence', 'block', 'unblock', 'blocked',
  'group create', 'group list', 'group add', 'group remove', 'group leave', 'group rename', 'group admin',
  'link', 'link accept', 'devices', 'devices remove', 'history'
]

/** Runs bin/ferry.js as a user would; killed if it outlives `timeoutMs`. */
async function runBin (args: string[], timeoutMs = 60_000): Promise<{ code: number | null, out: string, err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString() })
  const timer = setTimeout(() => { child.kill('SIGKILL') }, timeoutMs)
  try {
    const code = await new Promise<number | null>(resolve => child.once('exit', resolve))
    return { code, out, err }
  } finally {
    clearTimeout(timer)
  }
}

describe('the ferry CLI help', () => {
  it('has every subcommand the issue asks for', () => {
    const names = commands.map(c => c.name)
    for (const name of REQUIRED_COMMANDS) assert.ok(names.includes(name), name)
  })

  it('`ferry --help` lists every command, relay included', async () => {
    const { code, out } = await runCliCaptured(['--help'])
    assert.equal(code, 0)
    for (const spec of commands) assert.match(out, new RegExp(`\\n  ${spec.name} +${escape(spec.summary.slice(0, 20))}`), spec.name)
    assert.match(out, /\n {2}relay /)
  })

  for (const spec of commands) {
    it(`\`ferry ${spec.name} --help\` shows usage, every option and an example`, async () => {
      const { code, out, err } = await runCliCaptured([...spec.name.split(' '), '--help'])
      assert.equal(code, 0, err)
      assert.ok(out.startsWith(`Usage: ferry ${spec.name}`), out)
      for (const option of Object.keys(spec.options)) assert.match(out, new RegExp(`--${option}\\b`), `--${option}`)
      assert.match(out, /--help/)
      assert.match(out, /Examples:\n {2}\S/)
      const viaHelp = await runCliCaptured(['help', ...spec.name.split(' ')])
      assert.equal(viaHelp.out, out)
    })
  }

  it('rejects unknown commands and options with exit code 2 and a hint', async () => {
    const unknown = await runCliCaptured(['frobnicate'])
    assert.equal(unknown.code, 2)
    assert.match(unknown.err, /ferry --help/)
    const badOption = await runCliCaptured(['whoami', '--frob'])
    assert.equal(badOption.code, 2)
    assert.match(badOption.err, /Usage: ferry whoami/)
    const missingArg = await runCliCaptured(['send', 'bob'])
    assert.equal(missingArg.code, 2)
  })

  it('tells the user how to start the daemon when none runs (exit code 3)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-cli-test-'))
    try {
      const result = await runCliCaptured(['--data', dir, 'whoami'])
      assert.equal(result.code, 3)
      assert.match(result.err, /ferry daemon --data/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('bin/ferry.js runs the TypeScript CLI (`--help`, a subcommand\'s help, exit codes)', { timeout: 120_000 }, async () => {
    const help = await runBin(['--help'])
    assert.equal(help.code, 0, help.err)
    assert.match(help.out, /^Usage: ferry <command>/)
    const sendHelp = await runBin(['send', '--help'])
    assert.equal(sendHelp.code, 0, sendHelp.err)
    assert.match(sendHelp.out, /^Usage: ferry send <to> \[text\.\.\.\] \[options\]/)
    const unknown = await runBin(['frobnicate'])
    assert.equal(unknown.code, 2)
  })
})

function escape (text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
