import { splitParagraphs, splitSentences } from '../../../lambdas/core/domain/sentences';

describe('splitSentences — Arabic', () => {
  it('ends sentences at the Arabic question mark, the exclamation mark and the period', () => {
    expect(splitSentences('هل انتهى التنظيم؟ لا أحد يعرف! لكن الخطر قائم.')).toEqual([
      'هل انتهى التنظيم؟',
      'لا أحد يعرف!',
      'لكن الخطر قائم.',
    ]);
  });

  it('does not split at the Arabic comma or semicolon', () => {
    const sentence = 'نشرت الصحيفة تقريرا، قالت فيه إن التنظيم بدأ يستنفد قوته؛ حيث فر مقاتلوه.';
    expect(splitSentences(sentence)).toEqual([sentence]);
  });

  it('keeps decimal numbers such as 2.5 inside the sentence', () => {
    expect(splitSentences('بلغ النمو 2.5 في المئة هذا العام. وتراجع التضخم.')).toEqual([
      'بلغ النمو 2.5 في المئة هذا العام.',
      'وتراجع التضخم.',
    ]);
  });

  it('does not end a sentence after the abbreviations "أ.د." and "د."', () => {
    expect(splitSentences('قال أ.د. محمد علي إن الوضع صعب. وأضاف د. أحمد أن الحل قريب.')).toEqual([
      'قال أ.د. محمد علي إن الوضع صعب.',
      'وأضاف د. أحمد أن الحل قريب.',
    ]);
  });

  it('keeps a closing guillemet » with the sentence it ends', () => {
    expect(splitSentences('قال الوزير «انتهى الأمر.» ثم غادر القاعة.')).toEqual([
      'قال الوزير «انتهى الأمر.»',
      'ثم غادر القاعة.',
    ]);
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
    expect(splitSentences('ومع تعثر مشروع التنظيم. لم يعد شعاره هذا جذابا')).toEqual([
      'ومع تعثر مشروع التنظيم.',
      'لم يعد شعاره هذا جذابا',
    ]);
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
    expect(splitSentences('Pi is roughly 3.14 in most schoolbooks. Engineers round it.')).toEqual([
      'Pi is roughly 3.14 in most schoolbooks.',
      'Engineers round it.',
    ]);
  });

  it('does not split after "e.g."', () => {
    expect(splitSentences('Some fruit, e.g. apples, keeps well. Bananas do not.')).toEqual([
      'Some fruit, e.g. apples, keeps well.',
      'Bananas do not.',
    ]);
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
    expect(splitSentences('The report was written by J. Smith last year. It was short.')).toEqual([
      'The report was written by J. Smith last year.',
      'It was short.',
    ]);
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

  // Plain-text wire copy wrapped at ~70 columns (the layout of EASC's newspaper articles).
  const wrapped = [
    'لفت نظري إعلانان كلاهما يتعلق بطلب مرئيات العموم من هيئة الاتصالات',
    'وتقنية المعلومات المنشور في جميع الصحف، وملخصهما أن الهيئة تدعو الأطراف',
    'المعنية لإبداء مرئياتهم. وهذا أسلوب جديد له الكثير من الإيجابيات.',
    'ومبعث الاستغراب أننا لم نتعود من الجهات الحكومية أن تطلب رأي العموم',
    'في مشروع قبل تنفيذه.',
  ].join('\n');

  it('joins hard-wrapped lines into the paragraphs they were cut from, so no sentence is cut mid-way', () => {
    expect(splitParagraphs(wrapped)).toEqual([
      'لفت نظري إعلانان كلاهما يتعلق بطلب مرئيات العموم من هيئة الاتصالات وتقنية المعلومات المنشور في جميع الصحف، وملخصهما أن الهيئة تدعو الأطراف المعنية لإبداء مرئياتهم. وهذا أسلوب جديد له الكثير من الإيجابيات.',
      'ومبعث الاستغراب أننا لم نتعود من الجهات الحكومية أن تطلب رأي العموم في مشروع قبل تنفيذه.',
    ]);
    expect(splitParagraphs(wrapped).flatMap(splitSentences)).toHaveLength(3);
  });

  it('ends a wrapped paragraph at a colon, and keeps a short heading line apart', () => {
    const lines = [
      'Council news',
      'The committee named three reasons for the delay in its report to the',
      'council on Monday, and it asked the mayor for more time and for more',
      'staff before the spring session of the council, which opens in April:',
      'the cost of the new hall has doubled since the first plans were drawn',
      'up and nobody has yet found a way to pay for the difference.',
    ];
    expect(splitParagraphs(lines.join('\n'))).toEqual([
      'Council news',
      lines.slice(1, 4).join(' '),
      lines.slice(4).join(' '),
    ]);
  });

  it('joins a word broken at a hyphen without a space', () => {
    const lines = [
      'The minister said the plan would be reviewed by a well-',
      'known firm of auditors before the end of the year, and that',
      'the results would be published in full on the ministry site',
      'as soon as the council had read them.',
    ];
    expect(splitParagraphs(lines.join('\n'))).toEqual([
      'The minister said the plan would be reviewed by a well-known firm of auditors before the end of the year, and that the results would be published in full on the ministry site as soon as the council had read them.',
    ]);
  });

  it('keeps the last wrapped lines of a text that stops mid-sentence', () => {
    const cut = `${wrapped.replace(/\.$/u, '')}\nوبقيت أسئلة كثيرة بلا جواب عند الذين تابعوا الإعلان منذ نشره في`;
    // The short line before it ends its paragraph; the last line runs on into nothing, and is kept all the same.
    expect(splitParagraphs(cut)).toEqual([
      splitParagraphs(wrapped)[0],
      'ومبعث الاستغراب أننا لم نتعود من الجهات الحكومية أن تطلب رأي العموم في مشروع قبل تنفيذه',
      'وبقيت أسئلة كثيرة بلا جواب عند الذين تابعوا الإعلان منذ نشره في',
    ]);
  });

  // Texts whose lines must stay paragraphs of their own, and why they are not hard-wrapped.
  const keptLineByLine: [string, string[]][] = [
    [
      'too few lines run on: one paragraph lacks its full stop, the others end theirs',
      [
        'The council met on Monday to discuss the budget for the coming year',
        'It agreed to spend more on schools and less on roads than last year.',
        'The mayor said the vote was the closest she had seen in ten years.',
        'Shop owners said they would ask the council to think again in May.',
      ],
    ],
    [
      'three lines cut mid-sentence are too few to tell wrapping from chance',
      [
        'The committee named three reasons for the delay in its report to the',
        'council on Monday, and it asked the mayor for more time and for more',
        'staff before the spring session of the council opens in April',
      ],
    ],
    [
      'headlines without full stops, each wider than any wrapping width (over 120 characters)',
      [
        'Council approves the new budget after a long night of talks in which the mayor and her opponents traded blame for the delay',
        'Shop owners say the plan to close the old town centre to cars will cost them a third of their trade before the summer begins',
        'The river path will be rebuilt by the spring, the engineers say, once the floods of last winter have been fully surveyed again',
        'Schools will get new roofs and heating before the next winter under the plan the council agreed to on Monday night at last',
      ],
    ],
    [
      'a line never runs into a list item: bullets, dashes and numbered items each begin a paragraph',
      [
        '- The council approved the new budget for schools and roads on Monday',
        '- The mayor promised new bicycle lanes along the river by next spring',
        '2) Shop owners asked for more parking spaces in the old town centre',
        '• ارتفعت أسعار النفط في الأسواق العالمية بعد قرار خفض الإنتاج الجديد',
      ],
    ],
  ];

  it.each(keptLineByLine)('keeps lines apart: %s', (_why, lines) => {
    expect(splitParagraphs(lines.join('\n'))).toEqual(lines);
  });

  it('has headlines wider than any wrap in that case (its premise)', () => {
    expect(keptLineByLine[2]![1].every((line) => line.length > 120)).toBe(true);
  });

  it('reads a text of 200,000 lines (a report within its size limit) without running out of stack', () => {
    const lines = Array.from({ length: 200_000 }, (_, index) => `line ${index} of a long list`);
    expect(splitParagraphs(lines.join('\n'))).toHaveLength(200_000);
    const wrappedLines = Array.from(
      { length: 200_000 },
      () => 'a wrapped line of wire copy that runs on into the next',
    );
    expect(splitParagraphs(wrappedLines.join('\n'))).toHaveLength(1);
  });

  it('takes the limits as inclusive: widest lines of 40 and 120 characters, a line filling 60 % of the widest', () => {
    const line = (length: number) => `${'w '.repeat(length).slice(0, length - 1)}x`;
    for (const width of [40, 120]) {
      const lines = [line(width), line(width), line(width), `${line(width - 1)}.`];
      expect(splitParagraphs(lines.join('\n'))).toEqual([lines.join(' ')]);
    }
    const filling = [line(100), line(60), line(100), `${line(99)}.`];
    expect(splitParagraphs(filling.join('\n'))).toEqual([filling.join(' ')]);
  });

  it('keeps lines apart when they are not hard-wrapped: most end a sentence, or one is wider than a wrap', () => {
    const headed = 'Budget talks\nThe council met on Monday.\nIt agreed a budget.\nThe vote was close.';
    expect(splitParagraphs(headed)).toHaveLength(4);
    const unwrapped = `${'A long paragraph without its full stop '.repeat(4)}\nsecond line\nthird line\nfourth line`;
    expect(splitParagraphs(unwrapped)).toHaveLength(4);
    // Three lines are too few to call it wrapping.
    expect(splitParagraphs('one line\nanother line\nthe last line')).toHaveLength(3);
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
    expect(splitSentences('تأسست المدينة عام 1990 م. ثم نمت بسرعة.')).toEqual([
      'تأسست المدينة عام 1990 م.',
      'ثم نمت بسرعة.',
    ]);
  });
});

describe('splitSentences — Arabic terminators and punctuation', () => {
  it('ends sentences at the ellipsis … and at the Arabic full stop ۔', () => {
    expect(splitSentences('وانتظر الجميع… ثم جاء الخبر. وانتهى الاجتماع۔ وغادر الوفد.')).toEqual([
      'وانتظر الجميع…',
      'ثم جاء الخبر.',
      'وانتهى الاجتماع۔',
      'وغادر الوفد.',
    ]);
  });

  it('ends a sentence at "..." written with three periods, and at a Latin question mark', () => {
    expect(splitSentences('وطال الانتظار... ثم أعلنت النتائج.')).toEqual(['وطال الانتظار...', 'ثم أعلنت النتائج.']);
    expect(splitSentences('هل انتهت الأزمة? لا أحد يعرف.')).toEqual(['هل انتهت الأزمة?', 'لا أحد يعرف.']);
  });

  it('never splits at the Arabic comma or semicolon, even when a long sentence runs on with them', () => {
    const sentence =
      'ارتفعت الأسعار، وتراجعت المبيعات، وأغلقت المصانع؛ فيما طالب العمال بزيادة الأجور، ورفضت الحكومة؛ ثم بدأ الإضراب';
    expect(splitSentences(sentence)).toEqual([sentence]);
  });

  it('ends sentences at a terminator glued to the next Arabic word, as careless typing leaves it', () => {
    expect(splitSentences('وتحتاج هذه الآلة إلى براعة شديدة.التقنية الأولى هي النفخ. هل انتهى؟لا أحد يعرف')).toEqual([
      'وتحتاج هذه الآلة إلى براعة شديدة.',
      'التقنية الأولى هي النفخ.',
      'هل انتهى؟',
      'لا أحد يعرف',
    ]);
    // ...and with the space before the period instead of after it.
    expect(splitSentences('يرجعه البعض إلى نوح .فالعود آلة وترية عربية.')).toEqual([
      'يرجعه البعض إلى نوح .',
      'فالعود آلة وترية عربية.',
    ]);
  });
});

describe('splitSentences — Arabic numbers', () => {
  it('keeps Western decimals and thousands separators whole', () => {
    expect(splitSentences('بلغت الصادرات 1,000.5 مليون دولار، بنمو 2.5 في المئة. وارتفعت الواردات.')).toEqual([
      'بلغت الصادرات 1,000.5 مليون دولار، بنمو 2.5 في المئة.',
      'وارتفعت الواردات.',
    ]);
  });

  it('keeps Arabic-Indic numbers whole, with the Arabic decimal separator ٫ or a period', () => {
    expect(splitSentences('بلغ النمو ٢٫٥ في المئة، والتضخم ١.٧ في المئة. وتراجعت البطالة إلى ٦٫٣ في المئة.')).toEqual([
      'بلغ النمو ٢٫٥ في المئة، والتضخم ١.٧ في المئة.',
      'وتراجعت البطالة إلى ٦٫٣ في المئة.',
    ]);
  });

  it('ends a sentence on a number', () => {
    expect(splitSentences('وقع الزلزال عام 1755. ثم أعيد بناء المدينة.')).toEqual([
      'وقع الزلزال عام 1755.',
      'ثم أعيد بناء المدينة.',
    ]);
  });
});

describe('splitSentences — Arabic abbreviations', () => {
  it('does not end a sentence after ص. (page) or ج. (part)', () => {
    expect(splitSentences('ورد ذلك في ج. 2 ص. 145 من الكتاب. ثم نقله المؤرخون.')).toEqual([
      'ورد ذلك في ج. 2 ص. 145 من الكتاب.',
      'ثم نقله المؤرخون.',
    ]);
  });

  it('does not end a sentence after أ.د. or د. wrapped in a bracket or a quote', () => {
    expect(splitSentences('وأشار الباحث (أ.د. سامي حسن) إلى النتائج. وعلق «د. ليلى» عليها.')).toEqual([
      'وأشار الباحث (أ.د. سامي حسن) إلى النتائج.',
      'وعلق «د. ليلى» عليها.',
    ]);
  });

  it('keeps ق.م inside a sentence, and ends one on ق.م. as on any year', () => {
    expect(splitSentences('ولد أفلاطون نحو عام 427 ق.م في أثينا. وتوفي عام 347 ق.م. ثم تفرق تلاميذه.')).toEqual([
      'ولد أفلاطون نحو عام 427 ق.م في أثينا.',
      'وتوفي عام 347 ق.م.',
      'ثم تفرق تلاميذه.',
    ]);
  });

  it("ends a sentence on a Hijri year (هـ.) but not after the engineer's title م. before a name", () => {
    expect(splitSentences('تأسست المدرسة عام 1350 هـ. ثم توسعت. وقال م. خالد إن المبنى جديد.')).toEqual([
      'تأسست المدرسة عام 1350 هـ.',
      'ثم توسعت.',
      'وقال م. خالد إن المبنى جديد.',
    ]);
  });

  it('does not split inside a dotted abbreviation such as ص.ب or ج.م.ع', () => {
    expect(splitSentences('راسلونا على ص.ب 1234 في القاهرة ج.م.ع وسنرد. شكرا لكم.')).toEqual([
      'راسلونا على ص.ب 1234 في القاهرة ج.م.ع وسنرد.',
      'شكرا لكم.',
    ]);
  });
});

describe('splitSentences — Arabic quotes and brackets', () => {
  it('keeps a closing bracket with the sentence it ends', () => {
    expect(splitSentences('وأعلن المتحدث النتائج (بعد تأخير طويل.) ثم انصرف الصحفيون.')).toEqual([
      'وأعلن المتحدث النتائج (بعد تأخير طويل.)',
      'ثم انصرف الصحفيون.',
    ]);
  });

  it('keeps straight quotes and “ ” after ؟ and ! with their sentence', () => {
    expect(splitSentences('سأل الصحفي: "هل انتهت الأزمة؟" فأجاب الوزير: “لم تنته بعد!” وصمت الجميع.')).toEqual([
      'سأل الصحفي: "هل انتهت الأزمة؟"',
      'فأجاب الوزير: “لم تنته بعد!”',
      'وصمت الجميع.',
    ]);
  });

  it('reads Latin names inside an Arabic sentence without splitting at their periods', () => {
    expect(splitSentences('وقال متحدث باسم Google Inc. إن الخدمة ستتوسع. وأضاف أن Node.js مدعوم.')).toEqual([
      'وقال متحدث باسم Google Inc. إن الخدمة ستتوسع.',
      'وأضاف أن Node.js مدعوم.',
    ]);
  });
});

describe('splitSentences — English abbreviations', () => {
  it('does not end a sentence after titles: Mrs., Prof., St. before a name, Jr. before a verb', () => {
    expect(
      splitSentences(
        'Mrs. Patel and Prof. Okafor visited St. Louis. Martin Luther King Jr. spoke there once. Crowds came.',
      ),
    ).toEqual([
      'Mrs. Patel and Prof. Okafor visited St. Louis.',
      'Martin Luther King Jr. spoke there once.',
      'Crowds came.',
    ]);
  });

  it('does not split after U.K., i.e., vs. or No. before a number', () => {
    expect(
      splitSentences('The U.K. team, i.e. the hosts, won the final vs. Spain at No. 10 Downing Street. Fans cheered.'),
    ).toEqual(['The U.K. team, i.e. the hosts, won the final vs. Spain at No. 10 Downing Street.', 'Fans cheered.']);
  });

  it('ends a sentence on an abbreviation when a new sentence clearly starts after it', () => {
    expect(splitSentences('The firm moved to the U.S. The move cost millions.')).toEqual([
      'The firm moved to the U.S.',
      'The move cost millions.',
    ]);
    expect(
      splitSentences('He founded Acme Inc. It grew fast. They sold pens, paper, etc. Then they sold desks.'),
    ).toEqual(['He founded Acme Inc.', 'It grew fast.', 'They sold pens, paper, etc.', 'Then they sold desks.']);
    expect(splitSentences('The answer was no. Then the talks ended.')).toEqual([
      'The answer was no.',
      'Then the talks ended.',
    ]);
  });

  it('keeps Inc., Ltd. and Co. inside a sentence', () => {
    expect(
      splitSentences('Baoshan Iron and Steel Co. Ltd. said it would raise prices. Acme Inc. and Widgets Ltd. agreed.'),
    ).toEqual(['Baoshan Iron and Steel Co. Ltd. said it would raise prices.', 'Acme Inc. and Widgets Ltd. agreed.']);
  });

  it('reads a.m. and p.m. by what follows them', () => {
    expect(
      splitSentences('The polls opened at 7 a.m. Eastern time and closed at 8 p.m. The count began at once.'),
    ).toEqual(['The polls opened at 7 a.m. Eastern time and closed at 8 p.m.', 'The count began at once.']);
  });

  it('does not split after month abbreviations before a date', () => {
    expect(splitSentences('The deal was signed on Jan. 5 and closed on Sept. 30, 2024. Shares rose.')).toEqual([
      'The deal was signed on Jan. 5 and closed on Sept. 30, 2024.',
      'Shares rose.',
    ]);
    expect(splitSentences('Talks resumed in Dec. The deal followed.')).toEqual([
      'Talks resumed in Dec.',
      'The deal followed.',
    ]);
  });

  it('keeps initials with the name: J. K. Rowling, George W. Bush', () => {
    expect(
      splitSentences('The novel by J. K. Rowling was praised by George W. Bush in a speech. It sold well.'),
    ).toEqual(['The novel by J. K. Rowling was praised by George W. Bush in a speech.', 'It sold well.']);
  });

  it('ends a sentence on a capital letter that a closing quote follows', () => {
    expect(splitSentences('He called it "worse than Cell Block H." Labour denied it.')).toEqual([
      'He called it "worse than Cell Block H."',
      'Labour denied it.',
    ]);
  });
});

describe('splitSentences — English numbers, URLs and e-mail addresses', () => {
  it('keeps decimals, thousands and version numbers whole', () => {
    expect(
      splitSentences(
        'Revenue was $1,000.50 per user, up 2.5% on the year. Version 20.11.1 of Node.js fixed it. Users upgraded.',
      ),
    ).toEqual([
      'Revenue was $1,000.50 per user, up 2.5% on the year.',
      'Version 20.11.1 of Node.js fixed it.',
      'Users upgraded.',
    ]);
  });

  it('keeps URLs and e-mail addresses whole, and ends a sentence on them', () => {
    expect(
      splitSentences(
        'Read it at https://example.com/news?id=42&lang=en. Write to press@example.co.uk. We reply within a day.',
      ),
    ).toEqual([
      'Read it at https://example.com/news?id=42&lang=en.',
      'Write to press@example.co.uk.',
      'We reply within a day.',
    ]);
    expect(splitSentences('See www.example.org/a.b/c.html for details. Thanks.')).toEqual([
      'See www.example.org/a.b/c.html for details.',
      'Thanks.',
    ]);
  });

  it('ends a sentence on a year even when the next one forgot its capital', () => {
    expect(splitSentences('The venture was set up in May 2003. with both parties holding 40%.')).toEqual([
      'The venture was set up in May 2003.',
      'with both parties holding 40%.',
    ]);
  });
});

describe('splitSentences — English punctuation', () => {
  it('does not split at "..." inside a sentence before a lower-case word', () => {
    expect(
      splitSentences('"You cannot rule out a correction... but we do not expect one," he said. Markets calmed.'),
    ).toEqual(['"You cannot rule out a correction... but we do not expect one," he said.', 'Markets calmed.']);
    expect(splitSentences('We waited … and waited. Nothing came.')).toEqual([
      'We waited … and waited.',
      'Nothing came.',
    ]);
  });

  it('splits at "..." before a capital', () => {
    expect(splitSentences('We waited... Nothing came.')).toEqual(['We waited...', 'Nothing came.']);
  });

  it('takes "?!" as one ending, and keeps a quote after it', () => {
    expect(splitSentences('Can they really win?! Nobody thinks so. "Why not?!" she asked.')).toEqual([
      'Can they really win?!',
      'Nobody thinks so.',
      '"Why not?!" she asked.',
    ]);
  });

  it('keeps a quoted question or exclamation inside the sentence that goes on in lower case', () => {
    expect(splitSentences('"Stop!" he shouted. She asked "why?" and left.')).toEqual([
      '"Stop!" he shouted.',
      'She asked "why?" and left.',
    ]);
  });

  it('keeps closing quotes and brackets after the period with their sentence', () => {
    expect(
      splitSentences("He said 'enough.' The talks ended (as expected.) She wrote “done.” Nobody replied."),
    ).toEqual(["He said 'enough.'", 'The talks ended (as expected.)', 'She wrote “done.”', 'Nobody replied.']);
  });

  it('does not cut a list marker off its item', () => {
    expect(splitSentences('1. Prices rose. 2. Wages did not.')).toEqual(['1. Prices rose.', '2. Wages did not.']);
  });

  it('keeps a detached run of periods with the sentence before it', () => {
    expect(splitSentences('He paused . . . and went on. Then he stopped.')).toEqual([
      'He paused . . . and went on.',
      'Then he stopped.',
    ]);
    expect(splitSentences('Really! ...')).toEqual(['Really! ...']);
  });
});

describe('splitSentences and splitParagraphs — paragraphs', () => {
  it('ends a sentence at a line break inside the text it is given, even without a terminator', () => {
    expect(splitSentences('The first paragraph has no full stop\nThe second does. And goes on.')).toEqual([
      'The first paragraph has no full stop',
      'The second does.',
      'And goes on.',
    ]);
    expect(splitSentences('قال الوزير إن الحكومة\nستعلن القرار غدا.')).toEqual([
      'قال الوزير إن الحكومة',
      'ستعلن القرار غدا.',
    ]);
  });

  it('does not join a paragraph that starts with a lower-case word or an ellipsis to the one before', () => {
    expect(splitSentences('He said Mr.\nsmith left.\n... and more')).toEqual([
      'He said Mr.',
      'smith left.',
      '... and more',
    ]);
  });

  it('splits paragraphs on a lone CR and on Unicode line and paragraph separators', () => {
    expect(splitParagraphs('one\rtwo\u2028three\u2029four')).toEqual(['one', 'two', 'three', 'four']);
  });
});
