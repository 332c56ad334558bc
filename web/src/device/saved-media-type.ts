/**
 * The type a downloaded file's Blob gets, from its name. An object URL of a Blob has the page's
 * origin: a Blob typed text/html or image/svg+xml, opened in a tab, would run the sender's script
 * with access to this device's IndexedDB and keys. So only types a browser displays without
 * running anything get their real type; everything else is application/octet-stream, which the
 * browser saves instead of rendering. (The media type in the descriptor is the sender's claim and
 * is not used here for the same reason.)
 */
const DISPLAYABLE_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', bmp: 'image/bmp',
  mp4: 'video/mp4', m4v: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime',
  mp3: 'audio/mpeg', m4a: 'audio/mp4', aac: 'audio/aac', ogg: 'audio/ogg', opus: 'audio/ogg', wav: 'audio/wav', flac: 'audio/flac',
  txt: 'text/plain'
}

export const OPAQUE_MEDIA_TYPE = 'application/octet-stream'

export function savedMediaType (name: string): string {
  const dot = name.lastIndexOf('.')
  if (dot < 0) return OPAQUE_MEDIA_TYPE
  return DISPLAYABLE_BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? OPAQUE_MEDIA_TYPE
}
