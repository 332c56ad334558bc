/**
 * An attachment in a bubble: photos, videos and audio play inline once downloaded; documents are
 * cards with their size and a download button; transfers show a progress bar on both sides.
 */
import { h, type ComponentChild } from 'preact'
import type { AttachmentView as Attachment, MessageView, TransferView } from '../../../../core/messaging/messenger-api.js'
import { mediaCategory, type MediaCategory } from '../format/message-state.js'
import { formatBytes } from '../format/size.js'
import { formatDuration } from '../format/time.js'
import { useSavedFile } from '../hooks.js'
import { useUi } from '../ui-context.js'
import { Icon } from './icon.js'
import { ProgressBar } from './progress-bar.js'

export interface AttachmentProps {
  message: MessageView
  transfer?: TransferView
  onDownload: () => void
}

export function AttachmentBlock (props: AttachmentProps): ComponentChild {
  const ui = useUi()
  const a = props.message.attachment
  const saved = useSavedFile(a?.status === 'downloaded' ? a.savedAs : undefined)
  if (a === undefined) return null
  const category = mediaCategory(a.mediaType)
  const url = saved?.url ?? ui.localFiles.get(props.message.id)
  const transfer = props.transfer
  // A transfer whose last bytes went out may still wait for its 'done' event: it is not shown.
  const running = transfer !== undefined && transfer.state === 'running' && transfer.bytes < transfer.totalBytes
  const uploading = running && transfer.direction === 'upload'
  const downloading = a.status === 'downloading' || (running && transfer.direction === 'download')

  const progress = uploading || downloading
    ? h(ProgressBar, {
      value: transfer?.state === 'running' ? transfer.bytes : (a.bytes ?? 0),
      max: transfer?.state === 'running' ? transfer.totalBytes : a.size,
      label: uploading ? `Uploading ${a.name}` : `Downloading ${a.name}`,
      bytes: true
    })
    : null

  if (url !== undefined && category !== 'document') {
    return h('div', { class: `attachment attachment--${category}`, 'data-testid': 'attachment', 'data-status': a.status },
      mediaElement(category, url, a),
      progress)
  }
  return h('div', { class: 'attachment attachment--card', 'data-testid': 'attachment', 'data-status': a.status },
    h('div', { class: 'attachment__row' },
      a.preview === undefined
        ? h('span', { class: 'attachment__icon', 'data-category': category }, h(Icon, { name: 'file', size: 22 }))
        : h('img', {
          class: 'attachment__thumb',
          // The sender's small preview travels inside the message: a data URL, nothing fetched.
          src: `data:${a.preview.mediaType};base64,${a.preview.data}`,
          alt: '',
          'data-testid': 'attachment-thumbnail',
          width: a.preview.width,
          height: a.preview.height
        }),
      h('div', { class: 'attachment__meta' },
        h('span', { class: 'attachment__name', 'data-testid': 'attachment-name' }, a.name),
        h('span', { class: 'attachment__size muted' }, [formatBytes(a.size), a.durationMs === undefined ? '' : ` · ${formatDuration(a.durationMs)}`, statusNote(a)].join(''))),
      actionFor(a, url, props.onDownload, downloading)),
    progress)
}

function mediaElement (category: MediaCategory, url: string, a: Attachment): ComponentChild {
  switch (category) {
    case 'image':
      return h('a', { href: url, target: '_blank', rel: 'noopener', class: 'attachment__media-link', 'aria-label': `Open ${a.name}` },
        h('img', { class: 'attachment__image', src: url, alt: a.name, 'data-testid': 'image-preview', width: a.width, height: a.height }))
    case 'video':
      return h('video', { class: 'attachment__video', src: url, controls: true, preload: 'metadata', 'aria-label': a.name, 'data-testid': 'video-preview' })
    case 'audio':
      return h('audio', { class: 'attachment__audio', src: url, controls: true, preload: 'metadata', 'aria-label': a.name, 'data-testid': 'audio-preview' })
    case 'document':
      return null
  }
}

function statusNote (a: Attachment): string {
  switch (a.status) {
    case 'failed': return ' · download failed'
    case 'downloading': return ' · downloading'
    default: return ''
  }
}

function actionFor (a: Attachment, url: string | undefined, onDownload: () => void, downloading: boolean): ComponentChild {
  if (url !== undefined) {
    return h('a', { class: 'button button--small', href: url, download: a.name, 'data-testid': 'attachment-save' }, 'Save')
  }
  if (a.status === 'available' || a.status === 'failed') {
    return h('button', {
      type: 'button',
      class: 'button button--small',
      disabled: downloading,
      'data-testid': 'download-button',
      'aria-label': `Download ${a.name}`,
      onClick: onDownload
    }, a.status === 'failed' ? 'Retry' : 'Download')
  }
  return null
}
