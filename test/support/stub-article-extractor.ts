// Test double: an ArticleExtractor that answers what the test tells it to, and remembers the pages it was given.
import type { ArticleExtractor, ExtractedArticle } from '../../lambdas/core/ports/article-extractor';

export class StubArticleExtractor implements ArticleExtractor {
  readonly pages: string[] = [];
  private article: ExtractedArticle = { text: '' };

  /** What every later extract() returns. */
  returns(article: ExtractedArticle): this {
    this.article = article;
    return this;
  }

  extract(html: string): ExtractedArticle {
    this.pages.push(html);
    return structuredClone(this.article);
  }
}
