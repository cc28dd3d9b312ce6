import { access, open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, InternalError } from '../errors/index.js';
import { openStreamSyslogSink, openUdpSyslogSink, type SyslogSinkOptions } from './syslog-sink.js';

/** What `pull` writes to: a file (exactly once), a stream such as stdout, or a syslog receiver. */
export type PullOutput = { file: string } | { stream: NodeJS.WritableStream } | { syslog: SyslogSinkOptions };

/**
 * Opens the output of a poll loop. `committed` is the checkpoint's record of the output file (see openFileSink);
 * streams and receivers cannot be taken back, so for them it plays no part.
 */
export async function openOutput(output: PullOutput, committed: { file: string; bytes: number } | undefined, log: (line: string) => void): Promise<OutputSink> {
  if ('file' in output) return openFileSink(output.file, committed, log);
  if ('stream' in output) return streamSink(output.stream);
  return output.syslog.target.protocol === 'udp' ? openUdpSyslogSink(output.syslog) : openStreamSyslogSink(output.syslog);
}

/** Where `pull` writes its events. */
export interface OutputSink {
  /** The file's absolute path; undefined for a stream (stdout) or a syslog receiver. */
  readonly file?: string;
  /** Where the events go, for log lines: the file, `stdout`, or the receiver's URL. */
  readonly target: string;
  /** Bytes in the file after the last append (what the checkpoint records). */
  readonly bytes: number;
  /** Appends and makes it durable (fsync for a file, drained for a stream) before resolving. */
  append(text: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the output file for the exactly-once protocol. `committed` is what the checkpoint says the file held when
 * it was written. Bytes beyond that length were appended by a poll whose checkpoint never landed (a crash or kill
 * between the two writes): they are cut off here, and the same alerts are fetched and written again. A file
 * shorter than the checkpoint says was changed by someone else; continuing would silently lose events, so that
 * is an error.
 */
export async function openFileSink(path: string, committed: { file: string; bytes: number } | undefined, log: (line: string) => void): Promise<OutputSink> {
  const file = resolve(path);
  const moved = committed !== undefined && resolve(committed.file) !== file;
  // A different --output that does not exist yet starts a new file; one that exists (a moved folder) is held to
  // the checkpoint's byte count like the recorded one; the recorded one missing is an error, not a fresh file.
  const fresh = moved && !(await exists(file));
  if (moved) {
    log(
      `The checkpoint recorded the output as ${committed.file}; ${fresh ? `starting the new output file ${path}` : `continuing with ${path}, checked against the checkpoint`}.`,
    );
  }
  const expected = committed && !fresh ? committed.bytes : 0;
  let handle: FileHandle;
  try {
    handle = await open(file, expected > 0 ? 'r+' : 'a+');
    await handle.close();
    handle = await open(file, 'r+');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT' && expected > 0) {
      throw new ConfigError(`${path} does not exist, but the checkpoint recorded ${expected} bytes in it: the output was deleted.`, {
        file: path,
        hint: 'Restore the file, or write to a new --output file (pull continues from the checkpoint), or delete the checkpoint to start over with --since.',
      });
    }
    throw new ConfigError(`Cannot open the output file ${path}: ${(cause as Error).message}`, { file: path, cause });
  }
  let bytes = (await handle.stat()).size;
  if (committed && !fresh) {
    if (bytes > committed.bytes) {
      log(
        `Removing ${bytes - committed.bytes} bytes at the end of ${path} that were written after the last checkpoint (an interrupted poll); those alerts are fetched again.`,
      );
      await handle.truncate(committed.bytes);
      await handle.sync();
      bytes = committed.bytes;
    } else if (bytes < committed.bytes) {
      await handle.close();
      throw new ConfigError(
        `${path} holds ${bytes} bytes, but the checkpoint recorded ${committed.bytes}${moved ? ` (for ${committed.file})` : ''}: the file was truncated or replaced outside pull.`,
        {
          file: path,
          hint: 'Restore the file, or write to a new --output file (pull continues from the checkpoint), or delete the checkpoint to start over with --since.',
        },
      );
    }
  }
  return {
    file,
    target: path,
    get bytes() {
      return bytes;
    },
    async append(text) {
      if (!text) return;
      const data = Buffer.from(text, 'utf8');
      try {
        let written = 0;
        while (written < data.length) {
          const { bytesWritten } = await handle.write(data, written, data.length - written, bytes + written);
          written += bytesWritten;
        }
        await handle.sync();
      } catch (cause) {
        throw new InternalError(`Cannot write to ${path}: ${(cause as Error).message}`, { file: path, cause });
      }
      bytes += data.length;
    },
    close: () => handle.close(),
  };
}

/** Output to a stream (stdout). Nothing can be taken back from a stream, so a crash may repeat the last poll's events. */
export function streamSink(stream: NodeJS.WritableStream): OutputSink {
  let bytes = 0;
  return {
    target: 'stdout',
    get bytes() {
      return bytes;
    },
    append(text) {
      if (!text) return Promise.resolve();
      bytes += Buffer.byteLength(text);
      return new Promise((done, fail) => {
        stream.write(text, (error) => (error ? fail(error) : done()));
      });
    },
    close: () => Promise.resolve(),
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
