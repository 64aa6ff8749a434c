import { splitParagraphs, splitSentences } from '../../../lambdas/core/domain/sentences';

describe('splitSentences — Arabic', () => {
  it('ends sentences at the Arabic question mark, the exclamation mark and the period', () => {
    expect(splitSentences('هل انتهى التنظيم؟ لا أحد يعرف! لكن الخطر قائم.')).toEqual(['هل انتهى التنظيم؟', 'لا أحد يعرف!', 'لكن الخطر قائم.']);
  });

  it('does not split at the Arabic comma or semicolon', () => {
    const sentence = 'نشرت الصحيفة تقريرا، قالت فيه إن التنظيم بدأ يستنفد قوته؛ حيث فر مقاتلوه.';
    expect(splitSentences(sentence)).toEqual([sentence]);
  });

  it('keeps decimal numbers such as 2.5 inside the sentence', () => {
    expect(splitSentences('بلغ النمو 2.5 في المئة هذا العام. وتراجع التضخم.')).toEqual(['بلغ النمو 2.5 في المئة هذا العام.', 'وتراجع التضخم.']);
  });

  it('does not end a sentence after the abbreviations "أ.د." and "د."', () => {
    expect(splitSentences('قال أ.د. محمد علي إن الوضع صعب. وأضاف د. أحمد أن الحل قريب.')).toEqual([
      'قال أ.د. محمد علي إن الوضع صعب.',
      'وأضاف د. أحمد أن الحل قريب.',
    ]);
  });

  it('keeps a closing guillemet » with the sentence it ends', () => {
    expect(splitSentences('قال الوزير «انتهى الأمر.» ثم غادر القاعة.')).toEqual(['قال الوزير «انتهى الأمر.»', 'ثم غادر القاعة.']);
  });

  it('keeps a closing ” with the sentence it ends', () => {
    expect(splitSentences('قال: ”ستتغير طبيعة القتال.” ويضيف المستشار أن التهديد قائم.')).toEqual([
      'قال: ”ستتغير طبيعة القتال.”',
      'ويضيف المستشار أن التهديد قائم.',
    ]);
  });

  it('takes a run of terminators ("؟!") as one ending', () => {
    expect(splitSentences('هل هذا معقول؟! نعم.')).toEqual(['هل هذا معقول؟!', 'نعم.']);
  });

  it('keeps a last sentence that has no terminator', () => {
    expect(splitSentences('ومع تعثر مشروع التنظيم. لم يعد شعاره هذا جذابا')).toEqual(['ومع تعثر مشروع التنظيم.', 'لم يعد شعاره هذا جذابا']);
  });
});

describe('splitSentences — English', () => {
  it('does not end a sentence after Mr., Dr. or U.S. in the middle of it', () => {
    expect(splitSentences('Mr. Smith met Dr. Jones in the U.S. capital yesterday. They talked.')).toEqual([
      'Mr. Smith met Dr. Jones in the U.S. capital yesterday.',
      'They talked.',
    ]);
  });

  it('keeps decimals such as 3.14 whole', () => {
    expect(splitSentences('Pi is roughly 3.14 in most schoolbooks. Engineers round it.')).toEqual(['Pi is roughly 3.14 in most schoolbooks.', 'Engineers round it.']);
  });

  it('does not split after "e.g."', () => {
    expect(splitSentences('Some fruit, e.g. apples, keeps well. Bananas do not.')).toEqual(['Some fruit, e.g. apples, keeps well.', 'Bananas do not.']);
  });

  it('keeps a closing quote after the period with its sentence', () => {
    expect(splitSentences('He said "stop." Then he left. She wrote “enough.” Nobody replied.')).toEqual([
      'He said "stop."',
      'Then he left.',
      'She wrote “enough.”',
      'Nobody replied.',
    ]);
  });

  it('treats a single capital before a period as an initial ("J. Smith")', () => {
    expect(splitSentences('The report was written by J. Smith last year. It was short.')).toEqual(['The report was written by J. Smith last year.', 'It was short.']);
  });

  it('splits at question and exclamation marks', () => {
    expect(splitSentences('Is it over? Nobody knows! We wait.')).toEqual(['Is it over?', 'Nobody knows!', 'We wait.']);
  });

  it('returns nothing for blank input and trims what it returns', () => {
    expect(splitSentences('   ')).toEqual([]);
    expect(splitSentences('  One.   Two.  ')).toEqual(['One.', 'Two.']);
  });
});

describe('splitParagraphs', () => {
  it('splits on LF and CRLF, trims lines and drops blank ones', () => {
    expect(splitParagraphs('  first  \r\n\r\n second\n\n\n third \n')).toEqual(['first', 'second', 'third']);
  });

  it('never lets a sentence run across paragraphs', () => {
    const sentences = splitParagraphs('A line without a full stop\nThe next paragraph.').flatMap(splitSentences);
    expect(sentences).toEqual(['A line without a full stop', 'The next paragraph.']);
  });

  it('returns nothing for empty text', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs('\n \n')).toEqual([]);
  });
});

describe('splitSentences — Arabic typesetting details', () => {
  it('treats “ after a terminator as a closing quote', () => {
    expect(splitSentences('وقال ”كفى.“ ثم سكت الجميع.')).toEqual(['وقال ”كفى.“', 'ثم سكت الجميع.']);
  });

  it('ends a sentence on a year written with م.', () => {
    expect(splitSentences('تأسست المدينة عام 1990 م. ثم نمت بسرعة.')).toEqual(['تأسست المدينة عام 1990 م.', 'ثم نمت بسرعة.']);
  });
});
