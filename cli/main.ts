// Entry of the `mujaz` command (package bin, `npm run mujaz --`): the CLI with the real network, files and environment.
import { readFile, writeFile } from 'node:fs/promises';
import { runCli } from './mujaz';

runCli(process.argv.slice(2), {
  fetch: (url, init) => fetch(url, init),
  readFile: (path) => readFile(path),
  writeFile: (path, content) => writeFile(path, content),
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
