// PATCH /reports/{id}: an editor's edit over HTTP — the report as stored after it, 400 naming each problem, 404 for
// no such report, 409 once an edition took it, 401 without the token, 405 for another method; and the edited
// summary, markup and all, escaped in the preview.
import type { Hono } from 'hono';
import type { Report } from '../../../lambdas/core/domain/report';
import { ENGLISH_REPORT } from '../../support/use-case-harness';
import { admin, apiAppFor, createHttpHarness, errorOf, type HttpHarness, json } from './http-harness';

let h: HttpHarness;
let app: Hono;
let report: Report;

beforeEach(async () => {
  h = createHttpHarness();
  app = apiAppFor(h);
  report = (await h.useCases.ingestReport(ENGLISH_REPORT)).report;
});

const patch = (id: string, body: unknown, headers: Record<string, string> = { ...admin, ...json }) =>
  app.request(`/reports/${id}`, {
    method: 'PATCH',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('PATCH /reports/{id}', () => {
  it('answers 200 with the report as stored after the edit, without its text', async () => {
    const response = await patch(report.id, { hold: true, priority: 3, summary: 'The editor’s words.' });
    expect(response.status).toBe(200);
    const { body: _body, ...withoutText } = report;
    expect(await response.json()).toEqual({
      ...withoutText,
      held: true,
      priority: 3,
      editedSummary: 'The editor’s words.',
      revision: 1,
    });
  });

  it('answers 400 naming each problem, and changes nothing', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ hold: 'yes' }, ['hold']],
      [{ priority: 11 }, ['priority']],
      [{ priority: 2.5 }, ['priority']],
      [{ summary: '   ' }, ['summary']],
      [{ summary: '<div></div>' }, ['summary']],
      [{ summary: 'x'.repeat(2_001) }, ['summary']],
      [{ hold: true, title: 'Not editable' }, ['']],
      [{}, ['']],
      [{ hold: 1, priority: -11, summary: 7 }, ['hold', 'priority', 'summary']],
    ];
    for (const [body, fields] of cases) {
      const error = await errorOf(await patch(report.id, body), 400);
      expect({ body, code: error.code, fields: error.problems?.map((problem) => problem.field) }).toEqual({
        body,
        code: 'invalid_input',
        fields,
      });
    }
    expect((await errorOf(await patch(report.id, '{"hold": tru'), 400)).code).toBe('invalid_json');
    expect(await h.reports.findById(report.id)).toEqual(report);
  });

  it('answers 404 for an id no report has, or no report id at all', async () => {
    for (const id of ['0123456789abcdef01234567', 'batch', 'x%2F..%2F1', report.id.toUpperCase()]) {
      const error = await errorOf(await patch(id, { hold: true }), 404);
      expect({ id, code: error.code }).toEqual({ id, code: 'not_found' });
    }
  });

  it('answers 409 naming the edition once one took the report, and changes nothing', async () => {
    await h.sendAndDeliver();
    const error = await errorOf(await patch(report.id, { summary: 'Too late.' }), 409);
    expect(error).toMatchObject({ code: 'in_edition', edition: '1' });
    expect(error.message).toContain('edition 1');
    expect((await h.reports.findById(report.id))?.editedSummary).toBeUndefined();
  });

  it('answers 401 without the admin token, before reading the body', async () => {
    const error = await errorOf(await patch(report.id, { hold: true }, json), 401);
    expect(error.code).toBe('unauthorized');
    expect((await h.reports.findById(report.id))?.held).toBeUndefined();
  });

  it('answers 405 for another method, naming PATCH', async () => {
    const response = await app.request(`/reports/${report.id}`, { headers: admin });
    expect(response.headers.get('allow')).toBe('PATCH');
    expect((await errorOf(response, 405)).code).toBe('method_not_allowed');
  });

  it('shows the edited summary in the preview, its markup escaped', async () => {
    const summary = '<script>alert(1)</script> Boats & <b>bikes</b> are back.';
    expect((await patch(report.id, { summary })).status).toBe(200);
    const preview = await app.request('/digests', {
      method: 'POST',
      headers: { ...admin, ...json },
      body: JSON.stringify({ mode: 'preview' }),
    });
    const { html, text } = (await preview.json()) as { html: string; text: string };
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Boats &amp; &lt;b&gt;bikes&lt;/b&gt; are back.');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>bikes');
    expect(text).toContain(summary);
    for (const sentence of report.summary) expect(html).not.toContain(sentence);
  });
});
