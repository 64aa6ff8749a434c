// Writes test/fixtures/feeds/encodings/* from the texts in test/support/encoding-fixtures.ts, each in its encoding
// by iconv-lite, and refuses a text the encoding cannot hold (it would come out as '?'). Run: npx tsx scripts/make-encoding-fixtures.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { ENCODING_FIXTURES } from '../test/support/encoding-fixtures';

const directory = join(__dirname, '..', 'test', 'fixtures', 'feeds', 'encodings');
for (const fixture of ENCODING_FIXTURES) {
  const bytes = iconv.encode(fixture.source, fixture.writtenIn);
  if (iconv.decode(bytes, fixture.writtenIn, { stripBOM: false }) !== fixture.source) {
    throw new Error(`${fixture.file}: ${fixture.writtenIn} cannot hold its text`);
  }
  writeFileSync(join(directory, fixture.file), bytes);
  console.log(`${fixture.file}: ${bytes.length} bytes in ${fixture.writtenIn}`);
}
