/** A frame's length prefix exceeded the protocol's limit; nothing of the body was read. */
export class ProtocolFrameTooLargeError extends Error {
  override name = 'ProtocolFrameTooLargeError'
}

/** A frame was truncated, was not valid protobuf, or failed validation after decoding. */
export class ProtocolMalformedFrameError extends Error {
  override name = 'ProtocolMalformedFrameError'
}

/** The other side did not complete the exchange within the protocol's time limit. */
export class ProtocolTimeoutError extends Error {
  override name = 'ProtocolTimeoutError'
}
