// Core port: the article inside an HTML page, as the plain paragraphs a report is made of.

export interface ExtractedArticle {
  /** The article's headline, when the page names one (one line, cleaned). */
  title?: string;
  /** The article's text, cleaned (see cleanText): one paragraph, heading or list item per line. */
  text: string;
  /** The primary subtag of <html lang>, lower-cased ('ar' for lang="ar-EG"); absent when the page does not say. */
  language?: string;
}

export interface ArticleExtractor {
  /**
   * Synchronous: parsing and extraction need no I/O. Throws ReportRejectedError with reason 'empty' (no
   * content at all), 'binary' (not text), 'markup_only' (tags but no readable text) or 'too_large' (a page
   * too big to parse safely).
   */
  extract(html: string, url?: string): ExtractedArticle;
}
