// The kinds of the Arabic block (U+0600–U+06FF) that language detection counts letters by: not a letter,
// a letter of Arabic, or a letter only other Arabic-script languages write.
import { ARABIC, buildArabicBlock, FOREIGN, NOT_A_LETTER } from '../../../lambdas/core/domain/language-detection';

const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

/** The table as runs of one kind: [first code point, last code point, kind]. */
function runs(table: Uint8Array): [string, string, number][] {
  const result: [string, string, number][] = [];
  table.forEach((kind, offset) => {
    const last = result[result.length - 1];
    if (last && last[2] === kind) last[1] = hex(0x0600 + offset);
    else result.push([hex(0x0600 + offset), hex(0x0600 + offset), kind]);
  });
  return result;
}

describe('buildArabicBlock', () => {
  it('covers the block, one entry per code point', () => {
    expect(buildArabicBlock()).toHaveLength(0x100);
  });

  it('sorts the whole block', () => {
    expect(runs(buildArabicBlock())).toEqual([
      ['0600', '061F', NOT_A_LETTER], // signs, punctuation, marks
      ['0620', '0620', FOREIGN], // Kashmiri yeh
      ['0621', '063A', ARABIC], // hamza to ghain
      ['063B', '063F', FOREIGN], // keheh and yeh variants
      ['0640', '0640', NOT_A_LETTER], // tatweel
      ['0641', '064A', ARABIC], // feh to yeh
      ['064B', '066D', NOT_A_LETTER], // diacritics, digits, punctuation
      ['066E', '066F', ARABIC], // dotless beh and qaf
      ['0670', '0670', NOT_A_LETTER], // superscript alef
      ['0671', '0671', ARABIC], // alef wasla
      ['0672', '06A0', FOREIGN],
      ['06A1', '06A1', ARABIC], // dotless feh
      ['06A2', '06A3', FOREIGN],
      ['06A4', '06A4', ARABIC], // veh
      ['06A5', '06A6', FOREIGN],
      ['06A7', '06A8', ARABIC], // qaf with dot above, qaf with three dots above
      ['06A9', '06AC', FOREIGN], // keheh...
      ['06AD', '06AD', ARABIC], // ng
      ['06AE', '06D3', FOREIGN], // ...gaf, ...yeh barree with hamza
      ['06D4', '06D4', NOT_A_LETTER], // full stop
      ['06D5', '06D5', FOREIGN], // ae
      ['06D6', '06ED', NOT_A_LETTER], // Quranic marks
      ['06EE', '06EF', FOREIGN], // dal and reh with inverted v
      ['06F0', '06F9', NOT_A_LETTER], // extended Arabic-Indic digits
      ['06FA', '06FC', FOREIGN], // sheen, dad, ghain with dot below
      ['06FD', '06FE', NOT_A_LETTER], // signs
      ['06FF', '06FF', FOREIGN], // heh with inverted v
    ]);
  });

  it.each([
    ['ا alef', 'ا', ARABIC],
    ['ٱ alef wasla', 'ٱ', ARABIC],
    ['ڡ dotless feh', 'ڡ', ARABIC],
    ['ڤ veh', 'ڤ', ARABIC],
    ['ڧ qaf with dot above', 'ڧ', ARABIC],
    ['ڨ qaf with three dots above', 'ڨ', ARABIC],
    ['ڭ ng', 'ڭ', ARABIC],
    ['ٲ alef with wavy hamza above', 'ٲ', FOREIGN],
    ['پ peh', 'پ', FOREIGN],
    ['چ tcheh', 'چ', FOREIGN],
    ['ژ jeh', 'ژ', FOREIGN],
    ['ک keheh', 'ک', FOREIGN],
    ['گ gaf', 'گ', FOREIGN],
    ['ی Farsi yeh', 'ی', FOREIGN],
    ['ے yeh barree', 'ے', FOREIGN],
    ['ـ tatweel', 'ـ', NOT_A_LETTER],
    ['٣ Arabic-Indic three', '٣', NOT_A_LETTER],
    ['۳ extended Arabic-Indic three', '۳', NOT_A_LETTER],
  ])('%s', (_name, letter, kind) => {
    expect(buildArabicBlock()[letter.charCodeAt(0) - 0x0600]).toBe(kind);
  });

  it('names its three kinds apart', () => {
    expect([NOT_A_LETTER, ARABIC, FOREIGN]).toEqual([0, 1, 2]);
  });
});
