/**
 * Security events and errors as toasts. Security ones stay until dismissed and are announced
 * assertively; errors and infos fade after a while.
 */
import { h, type ComponentChild } from 'preact'
import { useEffect } from 'preact/hooks'
import { shortAccount } from '../format/account.js'
import type { Notice } from '../state/ui-state.js'
import { Icon } from './icon.js'

/** How long an error or info toast stays. */
const TRANSIENT_NOTICE_MS = 8000

export interface NoticesProps {
  notices: Notice[]
  nameOf: (account: string) => string
  onDismiss: (id: number) => void
}

export function Notices (props: NoticesProps): ComponentChild {
  return h('div', { class: 'notices', 'aria-live': 'polite' },
    props.notices.map(n => h(NoticeToast, { key: n.id, notice: n, nameOf: props.nameOf, onDismiss: props.onDismiss })))
}

function NoticeToast (props: { notice: Notice, nameOf: (account: string) => string, onDismiss: (id: number) => void }): ComponentChild {
  const { notice, onDismiss } = props
  useEffect(() => {
    if (notice.tone === 'security') return
    const timer = setTimeout(() => { onDismiss(notice.id) }, TRANSIENT_NOTICE_MS)
    return () => { clearTimeout(timer) }
  }, [notice.id, notice.tone, onDismiss])
  const testId = notice.tone === 'security' ? 'security-banner' : notice.tone === 'error' ? 'error-toast' : 'info-toast'
  return h('div', {
    class: `notice notice--${notice.tone}`,
    role: notice.tone === 'info' ? 'status' : 'alert',
    'data-testid': testId,
    'data-kind': notice.kind
  },
  h('span', { class: 'notice__icon', 'aria-hidden': 'true' }, h(Icon, { name: notice.tone === 'info' ? 'info' : 'warning' })),
  h('div', { class: 'notice__text' },
    h('strong', null, notice.title),
    h('span', null, notice.detail),
    notice.account === undefined ? null : h('span', { class: 'notice__account' }, `${props.nameOf(notice.account)} (${shortAccount(notice.account)})`)),
  h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Dismiss', 'data-testid': 'notice-dismiss', onClick: () => { onDismiss(notice.id) } }, h(Icon, { name: 'close', size: 16 })))
}
