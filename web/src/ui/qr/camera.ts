/**
 * The camera for scanning: the back camera where there is one, video only, and every track
 * stopped when scanning ends (a running track keeps the camera light on).
 */

/** Thrown by `openCamera` with a message a person can act on; `cause` is the browser's error. */
export class CameraUnavailableError extends Error {
  override name = 'CameraUnavailableError'
}

/**
 * A message for a getUserMedia failure (Media Capture and Streams, section 9.2:
 * NotAllowedError, NotFoundError, NotReadableError, OverconstrainedError, SecurityError).
 */
export function cameraErrorMessage (error: unknown): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Ferry may not use the camera. Allow it in the browser’s site settings, or scan from a picture.'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera found. Scan from a picture instead.'
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is in use by another app, or could not start. Close that app, or scan from a picture.'
    default:
      return 'The camera could not start. Scan from a picture instead.'
  }
}

export function stopCamera (stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop()
}

/**
 * The camera's stream, or undefined when `signal` aborted meanwhile (the stream, if it came, is
 * then stopped here). Throws CameraUnavailableError.
 */
export async function openCamera (signal: AbortSignal): Promise<MediaStream | undefined> {
  // Absent on pages that are not a secure context, and in browsers without camera support.
  if (typeof navigator.mediaDevices?.getUserMedia !== 'function') {
    throw new CameraUnavailableError('This browser offers no camera here. Scan from a picture instead.')
  }
  let stream: MediaStream
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: 'environment' } })
  } catch (error) {
    throw new CameraUnavailableError(cameraErrorMessage(error), { cause: error })
  }
  if (signal.aborted) {
    stopCamera(stream)
    return undefined
  }
  return stream
}
