import { detectLanguage, languageEvidence } from '../../../lambdas/core/domain/language-detection';
import { SAMPLE_REPORT_AR } from '../../support/use-case-harness';

describe('detectLanguage', () => {
  it('names Arabic text', () => {
    expect(detectLanguage('مقاتلو داعش يفرون من التنظيم بعدما أوشك على الانهيار')).toBe('ar');
    expect(detectLanguage(SAMPLE_REPORT_AR)).toBe('ar');
  });

  it('names Arabic text that quotes a few Latin words', () => {
    expect(detectLanguage('نشرت صحيفة الجارديان البريطانية (The Guardian) تقريرا مطولا عن التنظيم')).toBe('ar');
  });

  it('names English text', () => {
    expect(detectLanguage('The council approved the bicycle lane plan on Monday.')).toBe('en');
  });

  it("says 'und' for an even mix of Arabic and Latin", () => {
    expect(detectLanguage('مرحبا hello')).toBe('und');
  });

  it("says 'und' for other scripts", () => {
    expect(detectLanguage('Привет, как дела?')).toBe('und');
    expect(detectLanguage('你好世界')).toBe('und');
    expect(detectLanguage('Γειά σου κόσμε')).toBe('und');
  });

  it("says 'und' for text without letters", () => {
    expect(detectLanguage('')).toBe('und');
    expect(detectLanguage('   ')).toBe('und');
    expect(detectLanguage('2026 — 42% ... !!!')).toBe('und');
    expect(detectLanguage('٢٠٢٦ ١٢٣')).toBe('und');
  });

  it('ignores digits and punctuation when it counts letters', () => {
    expect(detectLanguage('2026-11-24: 1,000,000 people! ...ok then')).toBe('en');
  });
});

describe('detectLanguage — Arabic', () => {
  it('names Arabic with Latin names and numbers inside', () => {
    expect(detectLanguage('قال مسؤولون في Google إن الشركة ستطلق خدمة جديدة للبحث في 2026.')).toBe('ar');
    expect(detectLanguage('أعلنت شركة Apple عن هاتف iPhone جديد بسعر 999 دولارا في مؤتمرها السنوي بكاليفورنيا.')).toBe(
      'ar',
    );
  });

  it('is not disturbed by full vocalization (diacritics)', () => {
    expect(detectLanguage('إِنَّ الْحُكُومَةَ قَرَّرَتْ رَفْعَ الأَسْعَارِ فِي الْبِلَادِ')).toBe('ar');
    // Diacritics are marks, not letters: they do not count at all.
    expect(languageEvidence('مُحَمَّدٌ').letters).toBe(4);
  });

  it('is not disturbed by tatweel, even around a few Latin letters', () => {
    expect(detectLanguage('أعلنـــت الحكـــومة عن خطـــة جديـــدة')).toBe('ar');
    expect(languageEvidence('الحكـــومة').letters).toBe(7);
    // Tatweel does not pad the Arabic side of a mix either.
    expect(detectLanguage('مـــرحـــبا hello')).toBe('und');
  });

  it('names a title-length Arabic text', () => {
    expect(detectLanguage('الحكومة تقر خطة جديدة للنقل العام')).toBe('ar');
    expect(detectLanguage('ارتفاع أسعار النفط بعد قرار أوبك')).toBe('ar');
  });

  it('lets one Persian letter in a foreign name pass ("گوگل")', () => {
    expect(detectLanguage('أعلنت گوگل عن هاتف جديد')).toBe('ar');
  });
});

describe('detectLanguage — English', () => {
  it('names a news paragraph', () => {
    expect(
      detectLanguage(
        'Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December. ' +
          'The firm, which is now one of the biggest investors in Google, benefited from sales of high-speed internet connections.',
      ),
    ).toBe('en');
  });

  it('names title-length English texts that have a function word to go on', () => {
    expect(detectLanguage('Apple unveils a new iPhone at its September event')).toBe('en');
    expect(detectLanguage('Fears raised over ballet future')).toBe('en');
    expect(detectLanguage('Japan turns to beer alternatives')).toBe('en'); // "to" is also Czech; no accent says Czech
  });

  it('reads contractions and acronyms right', () => {
    expect(detectLanguage("It's not over, and we don't know why.")).toBe('en');
    // "EU" is an acronym, not a word of any list; "to" still speaks for English.
    expect(detectLanguage('EU ministers to mull jet fuel tax')).toBe('en');
  });

  it('names English set all in capitals', () => {
    expect(detectLanguage('THE COUNCIL APPROVED THE PLAN ON MONDAY')).toBe('en');
  });

  it('names English that mentions French names with accents', () => {
    expect(
      detectLanguage('Société Générale said on Monday that its profits had fallen by a third since the spring.'),
    ).toBe('en');
  });

  it("says 'und' for a headline with no function word at all rather than guess", () => {
    expect(detectLanguage('Pernod takeover talk lifts Domecq')).toBe('und');
  });
});

describe("detectLanguage — 'und' for other Latin-script languages", () => {
  const paragraphs: Record<string, string> = {
    French:
      'Le conseil municipal a approuvé lundi le projet de pistes cyclables dans le centre-ville. Selon le maire, les travaux commenceront au printemps et dureront environ deux ans.',
    Spanish:
      'El ayuntamiento aprobó el lunes el plan de carriles para bicicletas en el centro de la ciudad. Según el alcalde, las obras comenzarán en primavera y durarán unos dos años.',
    German:
      'Der Stadtrat hat am Montag den Plan für neue Radwege in der Innenstadt gebilligt. Nach Angaben des Bürgermeisters sollen die Arbeiten im Frühjahr beginnen.',
    Italian:
      'Il consiglio comunale ha approvato lunedì il piano per le nuove piste ciclabili nel centro della città. Secondo il sindaco, i lavori cominceranno in primavera.',
    Portuguese:
      'A câmara municipal aprovou na segunda-feira o plano de ciclovias no centro da cidade. Segundo o prefeito, as obras vão começar na primavera.',
    Dutch:
      'De gemeenteraad heeft maandag het plan voor nieuwe fietspaden in de binnenstad goedgekeurd. Volgens de burgemeester beginnen de werkzaamheden in het voorjaar.',
    Turkish:
      'Belediye meclisi pazartesi günü şehir merkezindeki yeni bisiklet yolları planını onayladı. Belediye başkanına göre çalışmalar ilkbaharda başlayacak.',
    Indonesian:
      'Dewan kota pada hari Senin menyetujui rencana jalur sepeda baru di pusat kota. Menurut wali kota, pekerjaan akan dimulai pada musim semi.',
  };

  it.each(Object.entries(paragraphs))('%s', (_language, paragraph) => {
    expect(languageEvidence(paragraph).latin).toBeGreaterThan(100); // Latin script: it is the words that tell
    expect(detectLanguage(paragraph)).toBe('und');
  });

  it('for title-length texts too', () => {
    expect(detectLanguage('Le gouvernement présente son plan pour les hôpitaux')).toBe('und');
    expect(detectLanguage('El Gobierno aprueba la nueva ley de vivienda')).toBe('und');
    expect(detectLanguage('Regierung plant neue Regeln für Mieten in Berlin')).toBe('und');
    expect(detectLanguage('Het kabinet is in gesprek met de bonden')).toBe('und'); // "is", "in" are Dutch too
  });

  it('even when English words are among them', () => {
    // Czech: "to" is English as well, "je" and "ono" are not.
    expect(detectLanguage('To je ono')).toBe('und');
    expect(detectLanguage('Le week-end, le marketing et le business sont à la mode à Paris.')).toBe('und');
  });
});

describe("detectLanguage — 'und' for other Arabic-script languages", () => {
  const persian =
    'شورای شهر روز دوشنبه طرح ایجاد مسیرهای دوچرخه‌سواری در مرکز شهر را تصویب کرد. به گفته شهردار، کار ساخت در بهار آغاز می‌شود و حدود دو سال طول می‌کشد.';

  it('Persian, by its letters (پ چ ژ گ ک ی)', () => {
    expect(detectLanguage(persian)).toBe('und');
    expect(detectLanguage('پیروزی بزرگ تیم ملی فوتبال ایران در جام جهانی')).toBe('und');
  });

  it('Persian typed with the Arabic ي and ك and no پ چ ژ گ, by its function words (را، از، است، مي)', () => {
    const arabicKeyboard = persian
      .replace(/ی/gu, 'ي')
      .replace(/ک/gu, 'ك')
      .replace(/[پچژگ]/gu, 'ب');
    expect(languageEvidence(arabicKeyboard).foreignArabic).toBe(0);
    expect(detectLanguage(arabicKeyboard)).toBe('und');
  });

  it('Urdu (ٹ ڈ ڑ ں ے ھ)', () => {
    expect(
      detectLanguage(
        'سٹی کونسل نے پیر کے روز شہر کے مرکز میں سائیکل کے نئے راستوں کے منصوبے کی منظوری دے دی۔ میئر کے مطابق کام موسم بہار میں شروع ہوگا۔',
      ),
    ).toBe('und');
    expect(detectLanguage('وزیر اعظم نے نئے بجٹ کا اعلان کر دیا')).toBe('und');
  });
});

describe("detectLanguage — 'und' for other scripts and mixes", () => {
  it.each([
    ['Russian', 'Городской совет в понедельник одобрил план строительства новых велосипедных дорожек в центре города.'],
    ['Hebrew', 'מועצת העיר אישרה ביום שני את התוכנית לשבילי אופניים חדשים במרכז העיר.'],
    ['Chinese', '市议会周一批准了在市中心修建新自行车道的计划。市长表示，工程将于春季开工。'],
    ['Hindi', 'नगर परिषद ने सोमवार को शहर के केंद्र में नई साइकिल लेन की योजना को मंजूरी दी।'],
    ['Japanese', '市議会は月曜日、市の中心部に新しい自転車道を整備する計画を承認した。'],
  ])('%s', (_language, text) => {
    expect(detectLanguage(text)).toBe('und');
  });

  it('a text half Arabic, half English', () => {
    const mixed =
      'أعلنت الحكومة عن خطة جديدة للنقل العام في المدينة. The plan includes new bus lanes and more frequent trains.';
    const evidence = languageEvidence(mixed);
    expect(evidence.arabic / evidence.letters).toBeLessThan(0.6);
    expect(evidence.latin / evidence.letters).toBeLessThan(0.6);
    expect(detectLanguage(mixed)).toBe('und');
  });

  it('English with a long Russian quotation', () => {
    expect(detectLanguage('He said: «Городской совет в понедельник одобрил план строительства новых дорожек».')).toBe(
      'und',
    );
  });
});
