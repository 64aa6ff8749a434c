// Entry of the `mujaz` command (package bin, `npm run mujaz --`): the CLI with the real network, files, environment
// and a cli-progress bar on standard error.
import { readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Presets, SingleBar } from 'cli-progress';
import { type ProgressBar, runCli } from './mujaz';

function terminalProgressBar(total: number): ProgressBar {
  const bar = new SingleBar(
    {
      format: '{bar} {value}/{total} readers | sent {sent} · failed {failed} · unknown {unknown} · skipped {skipped}',
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { sent: 0, failed: 0, unknown: 0, skipped: 0 });
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
