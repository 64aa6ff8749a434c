// Entry of the `mujaz` command (package bin, `npm run mujaz --`): the CLI with the real network, files, environment
// and a cli-progress bar on standard error.
import { readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Presets, SingleBar } from 'cli-progress';
import { type ProgressBar, runCli } from './mujaz';

/** What the bar shows beside itself: a send's outcomes per reader, or an import's per row. */
const FORMATS = {
  send: {
    format: '{bar} {value}/{total} readers | sent {sent} · failed {failed} · unknown {unknown} · skipped {skipped}',
    counts: { sent: 0, failed: 0, unknown: 0, skipped: 0 },
  },
  import: {
    format: '{bar} {value}/{total} rows | imported {imported} · skipped {skipped} · rejected {rejected}',
    counts: { imported: 0, skipped: 0, rejected: 0 },
  },
} as const;

function terminalProgressBar(total: number, kind: keyof typeof FORMATS = 'send'): ProgressBar {
  const { format, counts } = FORMATS[kind];
  const bar = new SingleBar({ format, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0, counts);
  return {
    update: (done, latestTotal, counts) => {
      bar.setTotal(latestTotal);
      bar.update(done, counts);
    },
    stop: () => bar.stop(),
  };
}

runCli(process.argv.slice(2), {
  fetch: (url, init) => fetch(url, init),
  readFile: (path) => readFile(path),
  writeFile: (path, content) => writeFile(path, content),
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
  env: process.env,
  progressBar: terminalProgressBar,
  sleep: (ms) => sleep(ms),
}).then((code) => {
  process.exitCode = code;
});
