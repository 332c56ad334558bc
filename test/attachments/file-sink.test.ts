import assert from 'node:assert/strict'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { AttachmentSourceError } from '../../core/attachments/index.js'
import { createFileSink, guessMediaType, openFileSource } from '../../node/files/index.js'
import { tempDir } from './support/files.js'

describe('node file source and sink', () => {
  it('keeps a hostile name inside the folder and never overwrites an existing file', async () => {
    const dir = await tempDir()
    try {
      await writeFile(join(dir.path, '.._etc_passwd'), 'mine')
      const sink = await createFileSink(dir.path, '../etc/passwd')
      await sink.write(0, new TextEncoder().encode('theirs'))
      const first = await sink.finish()
      assert.equal(first, join(dir.path, '.._etc_passwd (1)'))
      assert.equal(await readFile(join(dir.path, '.._etc_passwd'), 'utf8'), 'mine')
      const again = await createFileSink(dir.path, '../etc/passwd')
      assert.equal(await again.finish(), join(dir.path, '.._etc_passwd (2)'))
      // Controls, bidi overrides and an empty name.
      const odd = await createFileSink(dir.path, 'ann\u202Egpj.exe\u0000')
      assert.equal(await odd.finish(), join(dir.path, 'ann_gpj.exe_'))
      const empty = await createFileSink(dir.path, '')
      assert.equal(await empty.finish(), join(dir.path, 'attachment'))
      assert.deepEqual((await readdir(dir.path)).filter(n => n.endsWith('.part')), [])
    } finally {
      await dir.remove()
    }
  })

  it('resumes into the same .part file, keeping what was written', async () => {
    const dir = await tempDir()
    try {
      const first = await createFileSink(dir.path, 'a.bin', { partName: 'x.part' })
      await first.write(4, Uint8Array.from([5, 6]))
      await first.close()
      const second = await createFileSink(dir.path, 'a.bin', { partName: 'x.part', resume: true })
      await second.write(0, Uint8Array.from([1, 2, 3, 4]))
      assert.deepEqual(await second.read(0, 6), Uint8Array.from([1, 2, 3, 4, 5, 6]))
      const fresh = await createFileSink(dir.path, 'a.bin', { partName: 'x.part' })
      await assert.rejects(fresh.read(0, 1), AttachmentSourceError)
      await fresh.discard()
      await second.close()
    } finally {
      await dir.remove()
    }
  })

  it('reads a file at any offset, names it and guesses its type', async () => {
    const dir = await tempDir()
    try {
      const path = join(dir.path, 'Report.PDF')
      await writeFile(path, Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff))
      const source = await openFileSource(path)
      assert.equal(source.name, 'Report.PDF')
      assert.equal(source.mediaType, 'application/pdf')
      assert.equal(source.size, 1000)
      assert.deepEqual(await source.read(998, 2), Uint8Array.from([998 & 0xff, 999 & 0xff]))
      await assert.rejects(source.read(999, 2), AttachmentSourceError)
      await source.close()
      assert.equal(guessMediaType('noext'), 'application/octet-stream')
      assert.equal(guessMediaType('clip.MOV'), 'video/quicktime')
    } finally {
      await dir.remove()
    }
  })
})
