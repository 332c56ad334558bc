/** Node's file source and download sink for attachments (core/attachments). */
export { openFileSource, type FileSource } from './file-source.js'
export { createFileSink, type FileSink, type FileSinkOptions } from './file-sink.js'
export { guessMediaType } from './media-types.js'
export { NoFreeFileNameError } from './errors.js'
