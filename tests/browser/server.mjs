// Starts the real `civic serve` for a browser test: in a fresh temporary directory, so the
// embedded SQLite database is new and loads the demo council ("maidstone"), on a port the
// system picks, and waits until `/readyz` answers 200.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The binary under test: `CIVIC_BINARY`, else the debug build of this checkout. */
export const binary = process.env.CIVIC_BINARY || path.join(repo, 'target', 'debug', 'civic');

const STARTUP_MS = 60_000;

/**
 * Starts the server; resolves to `{ url, stop }` once it is ready. The server's output is kept
 * and printed if it fails to start, so a failure says why.
 */
export async function startServer() {
  const dir = await mkdtemp(path.join(tmpdir(), 'civic-browser-'));
  // Nothing of the caller's configuration: no DATABASE_URL (the embedded SQLite demo is the point),
  // no CIVIC_* settings, no config file.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => name !== 'DATABASE_URL' && !name.startsWith('CIVIC_') && !name.startsWith('OTEL_'),
    ),
  );
  env.NO_COLOR = '1';
  const child = spawn(binary, ['serve', '--listen', '127.0.0.1:0'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = signal ?? `exit code ${code}`;
  });
  // Either ends the wait for the address: the binary could not be run, or it stopped.
  const failed = new Promise((_, reject) => {
    child.on('error', reject);
    // 'close': after its output is all read, so the error shows all of it.
    child.on('close', () => reject(new Error(`it stopped (${exited})`)));
  });
  failed.catch(() => {}); // Once the server is up, its stopping is no failure.

  // The server names its address in the line announcing GraphiQL ("port 0" means we must ask it).
  const address = new Promise((resolve) => {
    const scan = (chunk) => {
      output += chunk.toString();
      // eslint-disable-next-line no-control-regex
      const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
      const found = plain.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (found) resolve(`http://${found[1]}`);
    };
    child.stdout.on('data', scan);
    child.stderr.on('data', scan);
  });

  const stop = async () => {
    // A binary that could not be started has no process to stop.
    if (exited === null && child.pid !== undefined) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const timeout = deadline('the server to name its address');
    const url = await Promise.race([address, failed, timeout.promise]).finally(timeout.clear);
    await waitReady(url, () => exited);
    return { url, stop };
  } catch (error) {
    await stop();
    throw new Error(`civic serve (${binary}) did not start: ${error.message}\n--- its output ---\n${output}`);
  }
}

async function waitReady(url, exited) {
  const until = Date.now() + STARTUP_MS;
  for (;;) {
    if (exited()) throw new Error(`it stopped (${exited()})`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) throw new Error(`/readyz was not 200 within ${STARTUP_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A promise rejected after the startup time, and how to cancel it. */
function deadline(what) {
  let timer;
  const promise = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), STARTUP_MS);
  });
  return { promise, clear: () => clearTimeout(timer) };
}
