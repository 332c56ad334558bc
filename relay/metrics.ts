/**
 * The relay's counters and gauges, rendered in the Prometheus text exposition format (version
 * 0.0.4: `# HELP`, `# TYPE`, one `name{labels} value` line per series). Labels carry protocol,
 * operation and reason only: never a PeerId, account or device (STYLE.md rule 9).
 */

type MetricType = 'counter' | 'gauge'

interface MetricDefinition {
  type: MetricType
  help: string
}

export const RELAY_METRICS = {
  ferry_relay_connections: { type: 'gauge', help: 'Open libp2p connections.' },
  ferry_relay_reservations: { type: 'gauge', help: 'Circuit relay v2 reservations held.' },
  ferry_relay_mailbox_envelopes: { type: 'gauge', help: 'Envelopes stored in all mailboxes.' },
  ferry_relay_mailbox_bytes: { type: 'gauge', help: 'Bytes of envelopes stored in all mailboxes.' },
  ferry_relay_mailboxes: { type: 'gauge', help: 'Mailboxes holding at least one envelope.' },
  ferry_relay_directory_accounts: { type: 'gauge', help: 'Accounts whose chain the directory holds.' },
  ferry_relay_requests_total: { type: 'counter', help: 'Requests answered, by protocol, operation and status.' },
  ferry_relay_rejects_total: { type: 'counter', help: 'Rejected requests or envelopes, by protocol and reason.' },
  ferry_relay_envelopes_stored_total: { type: 'counter', help: 'Envelopes accepted for storage.' },
  ferry_relay_envelopes_acked_total: { type: 'counter', help: 'Envelopes deleted on acknowledgement.' },
  ferry_relay_envelopes_expired_total: { type: 'counter', help: 'Envelopes deleted by the retention sweep.' },
  ferry_relay_blobs: { type: 'gauge', help: 'Attachment blobs held (whole or in part).' },
  ferry_relay_blob_bytes: { type: 'gauge', help: 'Bytes reserved by attachment blobs (each blob counted once).' },
  ferry_relay_blob_chunks_stored_total: { type: 'counter', help: 'Attachment chunks checked and stored.' },
  ferry_relay_blob_bytes_stored_total: { type: 'counter', help: 'Bytes of attachment chunks checked and stored.' },
  ferry_relay_blob_chunks_served_total: { type: 'counter', help: 'Attachment chunks sent to clients.' },
  ferry_relay_blob_bytes_served_total: { type: 'counter', help: 'Bytes of attachment chunks sent to clients.' },
  ferry_relay_blobs_expired_total: { type: 'counter', help: 'Attachment blobs deleted by the retention sweep.' }
} as const satisfies Record<string, MetricDefinition>

export type RelayMetricName = keyof typeof RELAY_METRICS
export type Labels = Record<string, string>

function labelText (labels: Labels): string {
  const keys = Object.keys(labels).sort()
  if (keys.length === 0) return ''
  // Prometheus label values escape backslash, double quote and newline.
  return `{${keys.map(k => `${k}="${(labels[k] as string).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`
}

export class RelayMetrics {
  private readonly counters = new Map<RelayMetricName, Map<string, number>>()
  private readonly gauges = new Map<RelayMetricName, () => number>()

  increment (name: RelayMetricName, labels: Labels = {}, by = 1): void {
    let series = this.counters.get(name)
    if (series === undefined) {
      series = new Map()
      this.counters.set(name, series)
    }
    const key = labelText(labels)
    series.set(key, (series.get(key) ?? 0) + by)
  }

  /** Gauges are read when rendered, so they never go stale. */
  gauge (name: RelayMetricName, read: () => number): void {
    this.gauges.set(name, read)
  }

  /** One counter series' value (tests and /health). */
  value (name: RelayMetricName, labels: Labels = {}): number {
    return this.counters.get(name)?.get(labelText(labels)) ?? 0
  }

  /** Sum over every series of a counter. */
  total (name: RelayMetricName): number {
    let sum = 0
    for (const value of this.counters.get(name)?.values() ?? []) sum += value
    return sum
  }

  render (): string {
    const lines: string[] = []
    for (const [name, def] of Object.entries(RELAY_METRICS) as Array<[RelayMetricName, MetricDefinition]>) {
      const read = this.gauges.get(name)
      const series = this.counters.get(name)
      if (read === undefined && series === undefined && def.type === 'gauge') continue
      lines.push(`# HELP ${name} ${def.help}`, `# TYPE ${name} ${def.type}`)
      if (read !== undefined) {
        let value = Number.NaN
        try { value = read() } catch { /* a gauge that cannot be read renders as NaN, not a failed scrape */ }
        lines.push(`${name} ${value}`)
      }
      for (const [labels, value] of series ?? []) lines.push(`${name}${labels} ${value}`)
    }
    return lines.join('\n') + '\n'
  }
}
