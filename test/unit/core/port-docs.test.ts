// Every port speaks for itself: each exported interface or type of core/ports, and each member of a port interface,
// carries a TSDoc comment (/** … */) saying what it promises — what an adapter must do, and what the core may rely on.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PORTS = join(__dirname, '..', '..', '..', 'lambdas', 'core', 'ports');

/** The declarations of one file that lack a /** comment right above them, as "file: line". */
function undocumented(file: string): string[] {
  const lines = readFileSync(join(PORTS, file), 'utf8').split('\n');
  const missing: string[] = [];
  let inInterface = false;
  let depth = 0;
  lines.forEach((line, index) => {
    const declaration = /^export (interface|type) \w+/u.test(line) && !/^export type \{/u.test(line);
    const member = inInterface && depth === 1 && /^ {2}[A-Za-z_]\w*\??[(:<]/u.test(line);
    if (declaration || member) {
      let above = index - 1;
      while (above >= 0 && /^\s*(\*|\/\*\*)/u.test(lines[above]!) && !/\*\//u.test(lines[above]!)) above -= 1;
      if (!/\*\/\s*$/u.test(lines[above] ?? '')) missing.push(`${file}: ${line.trim()}`);
    }
    if (/^export interface /u.test(line)) inInterface = true;
    depth += (line.match(/\{/gu) ?? []).length - (line.match(/\}/gu) ?? []).length;
    if (inInterface && depth === 0 && /\}/u.test(line)) inInterface = false;
  });
  return missing;
}

it('documents every port, and every member of each', () => {
  const files = readdirSync(PORTS).filter((file) => file.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(14);
  expect(files.flatMap(undocumented)).toEqual([]);
});
