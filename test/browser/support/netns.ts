/**
 * Where the browser tests run. scripts/run-browser-tests.sh starts them inside a private network
 * namespace (scripts/netns-setup.sh) and says so in FERRY_BROWSER_NETNS; Chromium is started only
 * when that holds (WEBRTC-TESTS.md: "Chromium runs only inside a private network namespace").
 */
import { networkInterfaces } from 'node:os'

/** veth0's address inside the namespace; WebRTC host candidates and `/ws` listeners use it. */
export const NETNS_ADDRESS = '10.200.0.1'

export type BrowserNetworkMode = 'confined' | 'unconfined'

/** Every address the namespace may hold, as `interface address/prefix`. */
export const NETNS_ALLOWED_ADDRESSES: readonly string[] = ['lo 127.0.0.1/8', 'lo ::1/128', `veth0 ${NETNS_ADDRESS}/24`]

export class BrowserNotConfinedError extends Error {
  override name = 'BrowserNotConfinedError'
}

/** The addresses this process sees, as `interface address/prefix`, sorted. */
export function listAddresses (): string[] {
  const out: string[] = []
  for (const [name, addresses] of Object.entries(networkInterfaces())) {
    for (const address of addresses ?? []) out.push(`${name} ${address.cidr ?? address.address}`)
  }
  return out.sort()
}

/**
 * 'confined' after checking the namespace still holds only its own addresses; 'unconfined' when
 * the runner could make no namespace and said so. Throws when neither: the test was started
 * without the runner, and Chromium would reach the network.
 */
export function browserNetworkMode (): BrowserNetworkMode {
  const mode = process.env.FERRY_BROWSER_NETNS
  if (mode === 'unconfined') return 'unconfined'
  if (mode !== 'confined') {
    throw new BrowserNotConfinedError('browser tests start Chromium only inside the private network namespace: run them with `npm run test:browser` (scripts/run-browser-tests.sh)')
  }
  const unexpected = listAddresses().filter(address => !NETNS_ALLOWED_ADDRESSES.includes(address))
  if (unexpected.length > 0) {
    throw new BrowserNotConfinedError(`network namespace holds unexpected addresses: ${unexpected.join(', ')}`)
  }
  return 'confined'
}
