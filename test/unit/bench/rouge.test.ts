// The project's ROUGE scorer (bench/rouge.ts) on cases worked out by hand: what docs/SUMMARIES.md says it does.
import {
  leadSentences,
  leadSummary,
  longestCommonSubsequence,
  rougeL,
  rougeN,
  scoreSummary,
  tokenize,
} from '../../../bench/rouge';

describe('tokens', () => {
  it('are runs of letters and digits, lower-cased, with no stemming', () => {
    expect(tokenize("TimeWarner's profit: $1.13bn (£600m)")).toEqual([
      'timewarner',
      's',
      'profit',
      '1',
      '13bn',
      '600m',
    ]);
  });

  it('fold Arabic diacritics, tatweel, the alef forms, alef maqsura and taa marbuta', () => {
    expect(tokenize('أَحْمَدُ ذهـــبَ إلى المدرسةِ، آمن ٱلله')).toEqual(['احمد', 'ذهب', 'الي', 'المدرسه', 'امن', 'الله']);
  });

  it('are compatibility-normalized (NFKC): a ligature is its letters', () => {
    expect(tokenize('ﬁnance')).toEqual(['finance']);
  });
});

describe('ROUGE F1', () => {
  // "the cat on the mat" against "the cat sat on the mat": 5 of 5 unigrams match, 5 of the reference's 6
  // → F1 = 2·1·(5/6) / (1 + 5/6) = 10/11; bigrams 3 of 4 and 3 of 5 → 2/3; the LCS is 5 tokens → 10/11.
  const candidate = tokenize('the cat on the mat');
  const reference = tokenize('The cat sat on the mat.');

  it('counts shared n-grams', () => {
    expect(rougeN(candidate, reference, 1)).toBeCloseTo(10 / 11, 12);
    expect(rougeN(candidate, reference, 2)).toBeCloseTo(2 / 3, 12);
  });

  it('counts a repeated n-gram at most as often as the reference has it', () => {
    // "the the the" against "the cat": one "the" matches → P 1/3, R 1/2, F1 0.4.
    expect(rougeN(tokenize('the the the'), tokenize('the cat'), 1)).toBeCloseTo(0.4, 12);
  });

  it('takes the longest common subsequence in order', () => {
    expect(longestCommonSubsequence(tokenize('mat the on cat the'), reference)).toBe(3);
    expect(rougeL(candidate, reference)).toBeCloseTo(10 / 11, 12);
  });

  it('is 0 for an empty candidate or reference', () => {
    expect(rougeN([], reference, 1)).toBe(0);
    expect(rougeL(candidate, [])).toBe(0);
  });

  it('averages an article over its references', () => {
    const scores = scoreSummary('the cat on the mat', ['the cat sat on the mat', 'a dog']);
    expect(scores.rouge1).toBeCloseTo(5 / 11, 12);
    expect(scores.rouge2).toBeCloseTo(1 / 3, 12);
    expect(scores.rougeL).toBeCloseTo(5 / 11, 12);
  });

  it('scores Arabic spellings the references use interchangeably as one', () => {
    expect(scoreSummary('أَحْمَدُ ذهـــبَ إلى المدرسةِ', ['احمد ذهب الى المدرسه'])).toEqual({
      rouge1: 1,
      rouge2: 1,
      rougeL: 1,
    });
  });
});

describe('the Lead baseline', () => {
  it('ends a sentence at . ! ? or ؟ (closing quotes kept) before white space, and at every line break', () => {
    expect(leadSentences('He said: "Go." Then 1.5 bn left!\nنعم. هل؟ لا\ncut mid')).toEqual([
      'He said: "Go."',
      'Then 1.5 bn left!',
      'نعم.',
      'هل؟',
      'لا',
      'cut mid',
    ]);
  });

  it('does not end a sentence at a full stop that touches the next word', () => {
    expect(leadSentences('للإنسان .وللناي صوت. ثم')).toEqual(['للإنسان .وللناي صوت.', 'ثم']);
  });

  it('takes sentences until they hold the ratio of the tokens, overshooting rather than stopping short', () => {
    // 11 tokens at 0.5 → 5.5: the first sentence (6) is enough; at 0.6 (6.6) the second is taken too.
    const text = 'The cat sat on the mat. It was happy!\nThe end';
    expect(leadSummary(text, 0.5)).toBe('The cat sat on the mat.');
    expect(leadSummary(text, 0.6)).toBe('The cat sat on the mat. It was happy!');
  });

  it('stops as soon as the budget is met exactly, and always takes one sentence', () => {
    // 10 tokens at 0.5 → 5: the first sentence holds exactly 5.
    expect(leadSummary('One two three four five. Six seven eight nine ten.', 0.5)).toBe('One two three four five.');
    expect(leadSummary('One two three four five. Six seven eight nine ten.', 0)).toBe('One two three four five.');
  });

  it('skips sentences with no tokens', () => {
    expect(leadSummary('— …\nOne two three.', 0.1)).toBe('One two three.');
  });
});
