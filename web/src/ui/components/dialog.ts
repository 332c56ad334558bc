/**
 * A modal dialog on the native <dialog> element: the browser traps focus, puts it in the top
 * layer and closes it on Esc; we only mirror that closing into `onClose`.
 */
import { h, type ComponentChild, type ComponentChildren } from 'preact'
import { useEffect, useId, useRef } from 'preact/hooks'
import { Icon } from './icon.js'

export interface DialogProps {
  title: string
  onClose: () => void
  testId?: string
  /** A wider dialog (QR codes, lists). */
  wide?: boolean
  children?: ComponentChildren
}

export function Dialog (props: DialogProps): ComponentChild {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const onCloseRef = useRef(props.onClose)
  onCloseRef.current = props.onClose

  useEffect(() => {
    const dialog = ref.current
    if (dialog === null) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined
    if (!dialog.open) dialog.showModal()
    // Esc (the 'cancel' then 'close' events) and form[method=dialog] both end here.
    const onNativeClose = (): void => { onCloseRef.current() }
    dialog.addEventListener('close', onNativeClose)
    return () => {
      dialog.removeEventListener('close', onNativeClose)
      if (dialog.open) dialog.close()
      // Focus goes back where it was, so a keyboard user does not start over at the page's top.
      if (opener?.isConnected === true) opener.focus()
    }
  }, [])

  return h('dialog', {
    ref,
    class: props.wide === true ? 'dialog dialog--wide' : 'dialog',
    'aria-labelledby': titleId,
    'data-testid': props.testId,
    // A click on the backdrop lands on the <dialog> itself (its content is an inner box).
    onClick: (e: MouseEvent) => { if (e.target === ref.current) props.onClose() }
  },
  h('div', { class: 'dialog__box' },
    h('header', { class: 'dialog__header' },
      h('h2', { id: titleId, class: 'dialog__title' }, props.title),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', 'data-testid': 'dialog-close', onClick: () => { props.onClose() } }, h(Icon, { name: 'close' }))
    ),
    h('div', { class: 'dialog__body' }, props.children)
  ))
}
