// The stopword lists the functions ship instead of the stopwords-iso package: the same words, in the same order, for
// every language the code can read, and the data file exactly what scripts/generate-stopword-lists.ts writes.
import { readFileSync } from 'node:fs';
import stopwordsIso from 'stopwords-iso';
import {
  decodeStopwordLists,
  encodeStopwordLists,
  stopwordsIsoLists,
  UNSHIPPED_STOPWORD_LANGUAGES,
} from '../../../lambdas/core/domain/stopwords-iso-lists';
import { STOPWORD_DATA_FILE, stopwordDataText, unpackStopwordFile } from '../../../scripts/generate-stopword-lists';

describe('the shipped stopwords-iso lists', () => {
  it('hold, for every language but English, the package’s list word for word', () => {
    const shipped = stopwordsIsoLists();
    const languages = Object.keys(stopwordsIso).filter((language) => !UNSHIPPED_STOPWORD_LANGUAGES.includes(language));
    expect(languages.length).toBeGreaterThan(50);
    expect(Object.keys(shipped).sort()).toEqual([...languages].sort());
    for (const language of languages)
      expect({ [language]: shipped[language] }).toEqual({ [language]: stopwordsIso[language] });
    expect(shipped.en).toBeUndefined();
  });

  it('are the file the script writes from the installed package (run it after updating stopwords-iso)', () => {
    expect(unpackStopwordFile(readFileSync(STOPWORD_DATA_FILE, 'utf8'))).toEqual(
      unpackStopwordFile(stopwordDataText()),
    );
  });

  it('keep multi-word entries, apostrophes and accents through the file (Vietnamese, French, Afrikaans)', () => {
    const lists = { vi: ['bị chú', 'cả'], fr: ["aujourd'hui", 'à'], af: ["'n"], en: ['the'] };
    const data = encodeStopwordLists(lists, 'test');
    expect(decodeStopwordLists(data)).toEqual({ vi: ['bị chú', 'cả'], fr: ["aujourd'hui", 'à'], af: ["'n"] });
  });

  it('leave out a language without words, which would come back as one empty word', () => {
    expect(decodeStopwordLists(encodeStopwordLists({ xx: [], yy: undefined, zz: ['a'] }, 'test'))).toEqual({
      zz: ['a'],
    });
  });

  it('ship compressed: the file holds no word in the clear, and is under half their size', () => {
    const words = Object.values(stopwordsIso).flat().join('\n');
    const file = readFileSync(STOPWORD_DATA_FILE, 'utf8');
    expect(file).not.toContain('aujourd');
    expect(file.length).toBeLessThan(Buffer.byteLength(words) / 2);
  });

  it('refuse a word the file could not keep apart from the next one', () => {
    expect(() => encodeStopwordLists({ xx: ['a\nb'] }, 'test')).toThrow(/xx stopword list holds "a\\nb"/u);
    expect(() => encodeStopwordLists({ xx: ['a', ''] }, 'test')).toThrow(/xx stopword list holds ""/u);
  });
});
