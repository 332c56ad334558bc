/**
 * The CLI's command model: each subcommand declares its usage, options and positional arguments
 * once, and both the parser and the `--help` text come from that declaration, so help can never
 * fall behind what a command accepts.
 */
import { parseArgs } from 'node:util'
import { UsageError } from '../errors.js'

export interface CliIo {
  out(text: string): void
  err(text: string): void
  env: NodeJS.ProcessEnv
  /**
   * One line the user typed, without its line ending; undefined at the end of input. Rejects when
   * `signal` aborts. Default (bin/ferry.js gives none): standard input (prompt.ts).
   */
  readLine?(signal: AbortSignal): Promise<string | undefined>
}

export interface OptionSpec {
  type: 'string' | 'boolean'
  multiple?: boolean
  short?: string
  /** Placeholder in help, e.g. 'DIR'. */
  value?: string
  description: string
}

export interface ParsedCommand {
  values: Record<string, string | boolean | string[] | undefined>
  positionals: string[]
}

export interface CommandContext extends ParsedCommand {
  io: CliIo
  /** Aborted on SIGINT/SIGTERM; long-running commands stop cleanly when it fires. */
  signal: AbortSignal
}

export interface CommandSpec {
  /** e.g. 'contacts add' */
  name: string
  summary: string
  /** Positional part of the usage line, e.g. '<invite>'. */
  args?: string
  description?: string
  options: Record<string, OptionSpec>
  /** Least and most positionals (default 0 and 0; Infinity for "the rest"). */
  positionals?: { min: number, max: number }
  examples?: string[]
  run(context: CommandContext): Promise<number>
}

export const DATA_OPTION: Record<string, OptionSpec> = {
  data: { type: 'string', value: 'DIR', description: 'data directory (default: $FERRY_DATA, else ~/.ferry)' }
}

export const JSON_OPTION: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print the API result as JSON instead of text' }
}

export const HELP_OPTION: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' }
}

/** A negative number (`-33.86`) is an argument, never an option: coordinates need them. */
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/
/**
 * parseArgs (strict) reads `-33.86` as the unknown short option `-3`, so negative numbers are
 * hidden behind this prefix while it parses and unveiled after. No real argument can hold a NUL
 * (execve's strings end at one), so nothing a user types is mistaken for a hidden one.
 */
const HIDDEN = '\0'

function unhide<T> (value: T): T {
  if (typeof value === 'string') return (value.startsWith(HIDDEN) ? value.slice(HIDDEN.length) : value) as T
  if (Array.isArray(value)) return value.map(v => unhide<unknown>(v)) as T
  return value
}

export function parseCommand (spec: CommandSpec, argv: string[]): ParsedCommand {
  const options = { ...spec.options, ...HELP_OPTION }
  let parsed
  try {
    parsed = parseArgs({
      args: argv.map(arg => NEGATIVE_NUMBER.test(arg) ? HIDDEN + arg : arg),
      options: Object.fromEntries(Object.entries(options).map(([name, o]) => [name, {
        type: o.type,
        ...(o.multiple === true ? { multiple: true } : {}),
        ...(o.short === undefined ? {} : { short: o.short })
      }])),
      allowPositionals: true,
      strict: true
    })
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/^TypeError \[\w+\]: /, '').replaceAll(HIDDEN, '') : 'bad arguments')
  }
  const values = Object.fromEntries(Object.entries(parsed.values).map(([name, value]) => [name, unhide(value)])) as ParsedCommand['values']
  const positionals = parsed.positionals.map(p => unhide(p))
  if (values.help === true) return { values, positionals }
  const { min, max } = spec.positionals ?? { min: 0, max: 0 }
  if (positionals.length < min) throw new UsageError(`missing argument: ${spec.args ?? ''}`.trim())
  if (positionals.length > max) throw new UsageError(`unexpected argument: ${positionals[max] ?? ''}`)
  return { values, positionals }
}

export function usageLine (spec: CommandSpec): string {
  return `ferry ${spec.name}${spec.args === undefined ? '' : ' ' + spec.args} [options]`
}

export function renderCommandHelp (spec: CommandSpec): string {
  const lines = [`Usage: ${usageLine(spec)}`, '', spec.summary]
  if (spec.description !== undefined) lines.push('', spec.description)
  lines.push('', 'Options:')
  const options = { ...spec.options, ...HELP_OPTION }
  const rendered = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short === undefined ? '    ' : `-${o.short}, `}--${name}${o.value === undefined ? '' : ' ' + o.value}`
    return [flag, o.description + (o.multiple === true ? ' (repeatable)' : '')] as const
  })
  const width = Math.max(...rendered.map(([flag]) => flag.length))
  for (const [flag, description] of rendered) lines.push(`  ${flag.padEnd(width)}  ${description}`)
  if (spec.examples !== undefined && spec.examples.length > 0) {
    lines.push('', 'Examples:', ...spec.examples.map(e => `  ${e}`))
  }
  return lines.join('\n') + '\n'
}

export function stringOption (parsed: ParsedCommand, name: string): string | undefined {
  const value = parsed.values[name]
  return typeof value === 'string' ? value : undefined
}

export function listOption (parsed: ParsedCommand, name: string): string[] {
  const value = parsed.values[name]
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
}

export function flag (parsed: ParsedCommand, name: string): boolean {
  return parsed.values[name] === true
}

export function integerOption (parsed: ParsedCommand, name: string, min: number, max: number): number | undefined {
  const text = stringOption(parsed, name)
  if (text === undefined) return undefined
  const value = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`)
  }
  return value
}
