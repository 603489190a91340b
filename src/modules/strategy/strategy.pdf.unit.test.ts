import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { reportCardPdf } from './strategy.pdf';
import type { ReportContent } from './strategy.report-card';

const content: ReportContent = {
  language: 'en',
  generatedAt: '2027-02-01T12:00:00Z',
  year: 2026,
  plan: { id: 'p', title: 'Welcoming Durham', titleFr: 'Durham accueillante', collaborativeName: 'LDIPC', startYear: 2025, endYear: 2029, longTermOutcome: null },
  highlights: null,
  highlightsFr: null,
  nextYear: null,
  nextYearFr: null,
  actions: [],
  measures: [],
  summary: { actions: 0, completed: 0, overdue: 0, adoptedByPartners: 0, measures: 0, met: 0 },
};

async function text(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text;
}

describe('the report card PDF', () => {
  it('says "published" in the reader’s language, never the stored status', async () => {
    const fr = await text(await reportCardPdf(content, 'fr', { reportVersion: 2, status: 'published', publishedAt: '2027-01-15T10:00:00Z' }));
    expect(fr).toContain('Publié le 2027-01-15');
    expect(fr).not.toMatch(/published/i);
    const draft = await text(await reportCardPdf(content, 'fr', { reportVersion: 1, status: 'draft', publishedAt: null }));
    expect(draft).toContain('Ébauche');
    const en = await text(await reportCardPdf(content, 'en', { reportVersion: 2, status: 'published', publishedAt: '2027-01-15T10:00:00Z' }));
    expect(en).toContain('Published 2027-01-15');
  });
});
