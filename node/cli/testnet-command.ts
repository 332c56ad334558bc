/**
 * `ferry testnet`: a local network of relays and headless peers for trying Ferry out and for
 * scripted tests (node/testnet/testnet.ts does the work). Runs until Ctrl-C, then stops every
 * process and removes the temporary folder.
 */
import { resolve } from 'node:path'
import { JSON_OPTION, flag, integerOption, stringOption, type CommandSpec } from './command.js'

export const testnetCommands: CommandSpec[] = [
  {
    name: 'testnet',
    summary: 'Start R relays and N headless peers on loopback, all introduced to each other, until Ctrl-C.',
    description: [
      'Each relay and peer is its own process (logs: <dir>/<name>.log). Every pair of peers adds the',
      'other as a contact, named peer-1, peer-2, ... Prints each peer\'s API address, token and data',
      'directory; drive a peer with `ferry --data <its dir> <command>` or its API directly.',
      'Ctrl-C (or SIGTERM) stops everything and deletes the temporary folder (not a --dir folder).'
    ].join('\n'),
    options: {
      relays: { type: 'string', value: 'R', description: 'number of relays (default 1)' },
      peers: { type: 'string', value: 'N', description: 'number of headless peers (default 2)' },
      dir: { type: 'string', value: 'DIR', description: 'keep all data under DIR instead of a temporary folder' },
      ...JSON_OPTION
    },
    examples: ['ferry testnet --relays 1 --peers 2', 'ferry testnet --relays 2 --peers 3 --dir ./net --json'],
    async run (context) {
      const relays = integerOption(context, 'relays', 0, 16) ?? 1
      const peers = integerOption(context, 'peers', 0, 32) ?? 2
      const dirOption = stringOption(context, 'dir')
      const json = flag(context, 'json')
      const { io } = context
      const { startTestnet } = await import('../testnet/testnet.js')
      io.err(`ferry testnet: starting ${relays} relay(s) and ${peers} peer(s)...\n`)
      const net = await startTestnet({
        relays,
        peers,
        ...(dirOption === undefined ? {} : { dir: resolve(dirOption) }),
        log: line => { io.err(`ferry testnet: ${line}\n`) },
        signal: context.signal
      })
      try {
        if (json) {
          io.out(JSON.stringify({
            dir: net.dir,
            relays: net.relays.map(r => ({ name: r.name, multiaddr: r.multiaddr, dataDir: r.dataDir })),
            peers: net.peers.map(p => ({ name: p.name, account: p.account, apiUrl: p.apiUrl, token: p.token, dataDir: p.dataDir }))
          }) + '\n')
        } else {
          io.out([
            `Ferry testnet running in ${net.dir}`,
            ...net.relays.map(r => `  ${r.name}  ${r.multiaddr}`),
            ...net.peers.flatMap(p => [
              `  ${p.name}  API ${p.apiUrl}/rpc  token ${p.token}`,
              `          data ${p.dataDir}`,
              `          try: ferry --data ${p.dataDir} whoami`
            ]),
            net.peers.length > 1 ? `Every peer has the others as contacts: e.g. ferry send --data ${net.peers[0]?.dataDir ?? ''} peer-2 hello` : '',
            'Press Ctrl-C to stop everything.',
            ''
          ].join('\n'))
        }
        await new Promise<void>(resolve => {
          if (context.signal.aborted) resolve()
          context.signal.addEventListener('abort', () => { resolve() }, { once: true })
        })
        io.err('ferry testnet: stopping...\n')
      } finally {
        await net.stop()
      }
      return 0
    }
  }
]
