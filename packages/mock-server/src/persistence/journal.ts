import { closeSync, fdatasyncSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SeedKind } from '../seed/index.js';
import type { StoredResource } from '../store/resource-store.js';

export const JOURNAL_FORMAT = 'shifo-mock-journal/1';

/** The first line of a data file: what it holds and which seed (built on which day) it started from. */
export interface JournalHeader {
  format: typeof JOURNAL_FORMAT;
  seed: SeedKind;
  /** The seed's "today"; the catalogues are rebuilt for that day when the file is loaded again. */
  seededAt: string;
}

/** Writes every byte of `data`: a single write() may be short. */
function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
function syncDirectory(file: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dirname(file), 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The data file: a JSON-lines journal — a header, then one stored resource version per line. Every version is
 * appended and flushed to the disk (`fdatasync`) before `ResourceStore.put` returns, so before any response that
 * reports the write: an answered write survives `kill -9` and a power cut. Writes are synchronous, so lines of
 * concurrent requests never interleave.
 */
export class Journal {
  private fd: number;
  private suspended = false;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'a');
  }

  /** Appends one version durably. Throws (and so fails the write) when the disk refuses. */
  append(version: Readonly<StoredResource>): void {
    if (this.suspended) return;
    writeAll(this.fd, Buffer.from(`${JSON.stringify(version)}\n`, 'utf8'));
    fdatasyncSync(this.fd);
  }

  /** Runs `change` without journaling its writes one by one (a reset, followed by `rewrite`). */
  suspend<T>(change: () => T): T {
    this.suspended = true;
    try {
      return change();
    } finally {
      this.suspended = false;
    }
  }

  /**
   * Replaces the file with a snapshot: header plus every version. Written beside it, flushed, then renamed over it,
   * so a crash leaves either the old file or the new one, never half of one.
   */
  rewrite(header: JournalHeader, versions: Iterable<Readonly<StoredResource>>): void {
    writeSnapshot(this.file, header, versions);
    closeSync(this.fd);
    this.fd = openSync(this.file, 'a');
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Writes a complete data file atomically (temporary file, fsync, rename, fsync of the directory). */
export function writeSnapshot(file: string, header: JournalHeader, versions: Iterable<Readonly<StoredResource>>): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    let chunk: string[] = [JSON.stringify(header)];
    let size = 0;
    for (const version of versions) {
      const line = JSON.stringify(version);
      chunk.push(line);
      size += line.length;
      if (size > 1 << 20) {
        writeAll(fd, Buffer.from(`${chunk.join('\n')}\n`, 'utf8'));
        chunk = [];
        size = 0;
      }
    }
    if (chunk.length) writeAll(fd, Buffer.from(`${chunk.join('\n')}\n`, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  syncDirectory(file);
}
