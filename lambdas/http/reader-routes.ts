// HTTP edge: the readers' routes — the subscribe page and form, the links of their emails, the archive, the edition
// pages and the feed. The API function serves them alone (handlers/api.ts): nothing here reaches report intake, the
// mailer or CSV.
import type { Context } from 'hono';
import * as z from 'zod';
import { MAX_EMAIL_LENGTH } from '../core/domain/email-address';
import { type PublicLinks, sitePaths, tokenSearch } from '../core/domain/links';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import { NEWSLETTER_LANGUAGES, type NewsletterLanguage } from '../core/domain/newsletter-languages';
import { parseInput } from '../core/domain/validation';
import type { Logger } from '../core/ports/logger';
import type { ReaderUseCases } from '../core/reader-use-cases';
import { createAppBase, type RouteGroup } from './app-base';
import { atomFeed } from './atom-feed';
import { type ClientAddressReader, clientBucket } from './client-address';
import { renderArchivePage, renderPage, renderSubscribePage } from './pages';
import { isForm, readForm, readLinkPost, refuseCrossSite, sameSiteOnly, smallBody, wantsHtml } from './request-body';

export interface ReaderRouteDeps {
  mujaz: ReaderUseCases;
  newsletter: NewsletterIdentity;
  logger: Logger;
  /** The client's network address, for the per-client limits (from the server that runs the app). */
  clientAddress: ClientAddressReader;
  /** The public URLs the feed names (built from MUJAZ_PUBLIC_BASE_URL). */
  links: PublicLinks;
}

const subscriptionBody = z.object({
  email: z.string().max(MAX_EMAIL_LENGTH),
  language: z.enum(NEWSLETTER_LANGUAGES).optional(),
});
const pageLanguageQuery = z.object({ lang: z.enum(NEWSLETTER_LANGUAGES).optional() });
const tokenQuery = z.object({ token: z.string().min(1).max(4096) });

const CHECK_INBOX = 'If the address can receive mail, a confirmation link is on its way.';

/** The API function's app: the readers' routes alone. */
export function createReaderApp(deps: ReaderRouteDeps) {
  return createAppBase(deps, [readerRoutes(deps)]);
}

export function readerRoutes(deps: ReaderRouteDeps): RouteGroup {
  return {
    servedBy: 'api',
    register: (app, { page, wordsIn }) => {
      app.get('/health', (c) => c.json({ status: 'ok' }));

      // The subscribe page, in the newsletter's language or the one asked for (?lang=en).
      app.get('/', (c) => {
        const { lang } = parseInput(pageLanguageQuery, c.req.query());
        return c.html(renderSubscribePage(deps.newsletter, lang ?? deps.newsletter.language));
      });

      app.get('/archive', async (c) => c.html(renderArchivePage(deps.newsletter, await deps.mujaz.listArchive())));

      // Every edition's web page, which the digest's "view in browser" link and headlines point to: public.
      app.get('/archive/:id', async (c) => {
        const page = await deps.mujaz.renderEditionPage(c.req.param('id'));
        return c.html(page.html);
      });

      // Where editions lived before the archive: links in emails already sent keep working.
      app.get('/editions/:id', (c) => c.redirect(sitePaths.edition(c.req.param('id')), 301));

      app.get('/feed.xml', async (c) => {
        const xml = atomFeed(deps.newsletter, deps.links, await deps.mujaz.listArchive());
        return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      });

      app.post('/subscriptions', smallBody, sameSiteOnly, async (c) => {
        const via = isForm(c) ? 'form' : 'api';
        const { email, language } = parseInput(subscriptionBody, await readForm(c));
        const client = clientBucket(deps.clientAddress(c));
        await deps.mujaz.requestSubscription(email, { via, ...(language ? { language } : {}) }, client);
        if (wantsHtml(c)) {
          const { pages } = wordsIn(language ?? deps.newsletter.language);
          return c.html(
            renderPage(deps.newsletter, { title: pages.checkInboxTitle, message: pages.checkInboxBody }, language),
            202,
          );
        }
        // The same answer whether the address is new, pending or confirmed: nobody learns who subscribes.
        return c.json({ status: 'pending', message: CHECK_INBOX }, 202);
      });

      /**
       * A link from an email, opened (GET or HEAD): it only checks the token and asks. Mail scanners and
       * prefetchers open every link in a message, so acting waits for the page's button, a POST of the same URL.
       */
      const ask = (
        c: Context,
        token: string,
        language: NewsletterLanguage,
        { button, ...text }: { title: string; message: string; button: string },
        answer: Record<string, string>,
      ) => {
        if (!wantsHtml(c)) return c.json(answer);
        return page(c, { ...text, form: { action: tokenSearch(token), button } }, language);
      };

      app.get('/subscriptions/confirm', async (c) => {
        const { token } = parseInput(tokenQuery, c.req.query());
        const { language } = await deps.mujaz.checkConfirmationLink(token);
        const words = wordsIn(language);
        const question = { title: words.confirmHeading, message: words.confirmBody, button: words.confirmButton };
        return ask(c, token, language, question, {
          status: 'pending',
          confirm: 'POST this URL to confirm the subscription.',
        });
      });
      app.post('/subscriptions/confirm', smallBody, sameSiteOnly, async (c) => {
        const { token } = parseInput(tokenQuery, c.req.query());
        await readLinkPost(c);
        const { language } = await deps.mujaz.confirmSubscription(token);
        const { pages } = wordsIn(language);
        if (wantsHtml(c)) return page(c, { title: pages.confirmedTitle, message: pages.confirmedBody }, language);
        return c.json({ status: 'confirmed' });
      });

      /**
       * The goodbye page, which offers the way back to a reader who left by the link: a button that starts a new
       * subscription, confirmed by a fresh link. An address that bounced or complained is not offered it.
       */
      const goodbye = (c: Context, token: string, language: NewsletterLanguage, mayComeBack: boolean) => {
        const { pages } = wordsIn(language);
        const resubscribe = {
          action: sitePaths.resubscribe(token),
          button: pages.resubscribeButton,
        };
        const content = { title: pages.unsubscribedTitle, message: pages.unsubscribedBody };
        return page(c, mayComeBack ? { ...content, form: resubscribe } : content, language);
      };

      // A link already used (or the address of a reader who can no longer be mailed) says so, instead of asking.
      app.get('/unsubscribe', async (c) => {
        const { token } = parseInput(tokenQuery, c.req.query());
        const { language, standing } = await deps.mujaz.checkUnsubscribeLink(token);
        if (standing !== 'subscribed') {
          if (!wantsHtml(c)) return c.json({ status: 'unsubscribed' });
          return goodbye(c, token, language, standing === 'unsubscribed');
        }
        const { pages } = wordsIn(language);
        const question = {
          title: pages.unsubscribeTitle,
          message: pages.unsubscribeBody,
          button: pages.unsubscribeButton,
        };
        return ask(c, token, language, question, {
          status: 'subscribed',
          unsubscribe: 'POST this URL to unsubscribe (RFC 8058 one-click).',
        });
      });

      // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" here; our own page's button does too.
      app.post('/unsubscribe', smallBody, async (c) => {
        const { token } = parseInput(tokenQuery, c.req.query());
        // The one-click form is taken from anywhere: RFC 8058 makes it a request from the mail client, which may be
        // a webmail page on its own site, and it only stops mail to whoever holds the link — which that holder
        // could do from any server. Everything else here is taken from our own page alone.
        const { oneClick } = await readLinkPost(c);
        if (!oneClick) refuseCrossSite(c);
        const { language } = await deps.mujaz.unsubscribe(token);
        if (!wantsHtml(c)) return c.json({ status: 'unsubscribed' });
        return goodbye(c, token, language, true);
      });

      app.post('/resubscribe', smallBody, sameSiteOnly, async (c) => {
        const { token } = parseInput(tokenQuery, c.req.query());
        await readLinkPost(c);
        const { language } = await deps.mujaz.resubscribe(token);
        const { pages } = wordsIn(language);
        if (!wantsHtml(c)) return c.json({ status: 'pending', message: CHECK_INBOX }, 202);
        return page(c, { title: pages.checkInboxTitle, message: pages.checkInboxBody }, language);
      });
    },
  };
}
