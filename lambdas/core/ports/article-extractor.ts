// Core port: the article inside an HTML page, as the plain paragraphs a report is made of.

/** What a page's article comes to: its headline, its text and its language, as far as the page says. */
export interface ExtractedArticle {
  /** The article's headline, when the page names one (one line, cleaned). */
  title?: string;
  /** The article's text, cleaned (see cleanText): one paragraph, heading or list item per line; '' when none. */
  text: string;
  /** The primary subtag of <html lang>, lower-cased ('ar' for lang="ar-EG"), when it is an ISO 639 code. */
  language?: string;
}

/** Finds the article in a submitted page (Readability over linkedom in the functions and locally). */
export interface ArticleExtractor {
  /**
   * Synchronous: parsing and extraction need no I/O. Takes a page the core has already checked (checkPage: size,
   * tag count, binary data, emptiness); a page with no readable text gives an article with empty text.
   */
  extract(html: string, url?: string): ExtractedArticle;
}
