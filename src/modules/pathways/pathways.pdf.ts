/**
 * A pathway as a PDF (pdfkit), English or French: the scenario, then each step in order with
 * what happens, who delivers it, conditions, what to bring, target days and the branches.
 */
import type { Pathway } from './pathways.schema';

const L = {
  en: { pathway: 'Service pathway', scenario: 'Scenario', population: 'Population', review: 'Review by', step: 'Step', delivers: 'Delivered by', conditions: 'Conditions', bring: 'What to bring', days: 'Target', daysUnit: 'days', role: 'Responsible', next: 'Then', always: 'always',
    kind: { entry: 'Entry', screening: 'Screening', intake: 'Intake', referral: 'Referral', service: 'Service', follow_up: 'Follow-up', exit: 'Exit' } as Record<string, string> },
  fr: { pathway: 'Parcours de services', scenario: 'Scénario', population: 'Population', review: 'À revoir d’ici le', step: 'Étape', delivers: 'Offert par', conditions: 'Conditions', bring: 'À apporter', days: 'Cible', daysUnit: 'jours', role: 'Responsable', next: 'Ensuite', always: 'toujours',
    kind: { entry: 'Entrée', screening: 'Dépistage', intake: 'Accueil', referral: 'Aiguillage', service: 'Service', follow_up: 'Suivi', exit: 'Sortie' } as Record<string, string> },
};

export async function pathwayPdf(p: Pathway, lang: 'en' | 'fr'): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const t = L[lang];
  const pick = (en: string, frText: string) => (lang === 'fr' && frText ? frText : en);
  const doc = new PDFDocument({ size: 'LETTER', margin: 50, info: { Title: `${t.pathway}: ${pick(p.name, p.nameFr)}` }, lang: lang === 'fr' ? 'fr-CA' : 'en-CA' } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(18).text(pick(p.name, p.nameFr));
  doc.font('Helvetica').fontSize(10).text(`${t.pathway} · ${p.collaborativeName}`);
  if (p.scenario) doc.moveDown(0.5).font('Helvetica-Bold').text(t.scenario).font('Helvetica').text(pick(p.scenario, p.scenarioFr));
  if (p.population) doc.font('Helvetica-Bold').text(t.population).font('Helvetica').text(p.population);
  if (p.reviewDate) doc.text(`${t.review} ${p.reviewDate}`);
  const titles = new Map(p.steps.map((s) => [s.key, pick(s.title, s.titleFr)]));
  p.steps.forEach((s, i) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('#1a3a5a').text(`${t.step} ${i + 1} · ${t.kind[s.kind]}: ${pick(s.title, s.titleFr)}`).fillColor('black').font('Helvetica').fontSize(10);
    if (s.description) doc.text(pick(s.description, s.descriptionFr));
    const by = [...s.serviceIds.map((id) => p.names.services[id] ?? id), ...s.organizationIds.map((id) => p.names.organizations[id] ?? id)];
    if (by.length) doc.text(`${t.delivers}: ${by.join('; ')}`);
    if (s.conditions.length) doc.text(`${t.conditions}: ${s.conditions.map((c) => pick(c.text, c.textFr)).join('; ')}`);
    if (s.toBring) doc.text(`${t.bring}: ${pick(s.toBring, s.toBringFr)}`);
    if (s.targetDays !== null) doc.text(`${t.days}: ${s.targetDays} ${t.daysUnit}`);
    if (s.responsibleRole) doc.text(`${t.role}: ${s.responsibleRole}`);
    if (s.next.length) doc.text(`${t.next}: ${s.next.map((n) => `${titles.get(n.to) ?? n.to} (${n.condition || t.always})`).join('; ')}`);
  });
  doc.end();
  return done;
}
