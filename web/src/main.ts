/**
 * The web client's entry: reads the relay's config (GET /ferry/config.json), makes the device
 * runtime and renders the interface into #app.
 */
import { h, render } from 'preact'
import { createDeviceRuntime, loadWebConfig } from './device/runtime.js'
import { App, StartupError } from './ui/app.js'
import './styles.css'

async function main (root: HTMLElement): Promise<void> {
  try {
    const config = await loadWebConfig()
    const runtime = createDeviceRuntime(config)
    render(h(App, { runtime }), root)
  } catch (err) {
    console.error('ferry:web could not start:', err instanceof Error ? err.name : typeof err)
    render(h(StartupError, { error: err }), root)
  }
}

const root = document.getElementById('app')
if (root === null) throw new Error('index.html has no #app element')
void main(root)
