/**
 * The report card as a PDF (pdfkit, server-side), in English or French. French uses the
 * French texts where they exist and says so where it falls back to English.
 */
import type { ReportContent } from './strategy.report-card';

const LABELS = {
  en: {
    reportCard: 'Annual report card',
    horizon: 'Plan horizon',
    summary: 'At a glance',
    actionsDone: (d: number, n: number) => `${d} of ${n} actions completed`,
    overdue: (n: number) => `${n} overdue`,
    adopted: (n: number) => `${n} adopted into partners' own plans`,
    measuresMet: (d: number, n: number) => `${d} of ${n} measures met their target`,
    highlights: 'Highlights',
    actions: 'Progress on each action',
    measures: 'Measures against targets',
    nextYear: 'What changes next year',
    none: 'None recorded.',
    champion: 'Champion',
    baseline: 'Baseline',
    target: 'Target',
    actual: 'Actual',
    forecast: 'Forecast if nothing changes',
    status: { met: 'target met', progressing: 'progressing', off_track: 'off track', no_target: 'no target', no_data: 'no data' } as Record<string, string>,
    itemStatus: { not_started: 'not started', in_progress: 'in progress', completed: 'completed', on_hold: 'on hold', cancelled: 'cancelled' } as Record<string, string>,
    rba: { how_much: 'How much did we do?', how_well: 'How well did we do it?', better_off: 'Is anyone better off?' } as Record<string, string>,
    population: 'Population indicator',
    englishOnly: '',
    generated: 'Generated',
    cardStatus: { draft: 'Draft', published: 'Published' } as Record<string, string>,
  },
  fr: {
    reportCard: 'Bulletin annuel',
    horizon: 'Horizon du plan',
    summary: 'En un coup d’œil',
    actionsDone: (d: number, n: number) => `${d} action(s) terminée(s) sur ${n}`,
    overdue: (n: number) => `${n} en retard`,
    adopted: (n: number) => `${n} intégrée(s) aux plans des partenaires`,
    measuresMet: (d: number, n: number) => `${d} mesure(s) sur ${n} ont atteint leur cible`,
    highlights: 'Faits saillants',
    actions: 'Avancement de chaque action',
    measures: 'Mesures par rapport aux cibles',
    nextYear: 'Ce qui change l’an prochain',
    none: 'Rien d’inscrit.',
    champion: 'Responsable',
    baseline: 'Point de départ',
    target: 'Cible',
    actual: 'Réel',
    forecast: 'Prévision sans changement',
    status: { met: 'cible atteinte', progressing: 'en progrès', off_track: 'en retard sur la cible', no_target: 'sans cible', no_data: 'sans données' } as Record<string, string>,
    itemStatus: { not_started: 'pas commencée', in_progress: 'en cours', completed: 'terminée', on_hold: 'en pause', cancelled: 'annulée' } as Record<string, string>,
    rba: { how_much: 'Combien avons-nous fait?', how_well: 'Avons-nous bien fait?', better_off: 'Quelqu’un s’en porte-t-il mieux?' } as Record<string, string>,
    population: 'Indicateur de population',
    englishOnly: '(texte disponible en anglais seulement)',
    generated: 'Produit le',
    cardStatus: { draft: 'Ébauche', published: 'Publié le' } as Record<string, string>,
  },
};

export async function reportCardPdf(content: ReportContent, lang: 'en' | 'fr', meta: { reportVersion: number; status: string; publishedAt: string | null }): Promise<Buffer> {
  // Loaded on first use: pdfkit costs ~0.4 s to import, which every CLI command and server start would pay.
  const { default: PDFDocument } = await import('pdfkit');
  const L = LABELS[lang];
  const pick = (en: string | null, fr: string | null) => (lang === 'fr' ? (fr ?? (en ? `${en} ${L.englishOnly}` : null)) : en);
  const doc = new PDFDocument({ size: 'LETTER', margin: 54, info: { Title: `${L.reportCard} ${content.year} – ${content.plan.title}`, Author: content.plan.collaborativeName }, lang: lang === 'fr' ? 'fr-CA' : 'en-CA' } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const h2 = (t: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#1a3a5a').text(t).moveDown(0.3).font('Helvetica').fontSize(10).fillColor('black');
  };
  doc.font('Helvetica-Bold').fontSize(20).text(`${L.reportCard} ${content.year}`);
  doc.fontSize(14).text(pick(content.plan.title, content.plan.titleFr) ?? content.plan.title);
  doc.font('Helvetica').fontSize(10).text(content.plan.collaborativeName);
  doc.text(`${L.horizon}: ${content.plan.startYear}–${content.plan.endYear} · v${meta.reportVersion} · ${L.cardStatus[meta.status] ?? meta.status}${meta.publishedAt ? ` ${meta.publishedAt.slice(0, 10)}` : ''}`);

  h2(L.summary);
  const s = content.summary;
  doc.list([L.actionsDone(s.completed, s.actions), L.overdue(s.overdue), L.adopted(s.adoptedByPartners), L.measuresMet(s.met, s.measures)], { bulletRadius: 2 });

  h2(L.highlights);
  doc.text(pick(content.highlights, content.highlightsFr) ?? L.none);

  h2(L.actions);
  if (!content.actions.length) doc.text(L.none);
  for (const a of content.actions) {
    doc.font('Helvetica-Bold').text(a.title, { continued: false });
    doc.font('Helvetica').text(`${L.itemStatus[a.status] ?? a.status} · ${a.percentComplete}%${a.champion ? ` · ${L.champion}: ${a.champion}` : ''}${a.adoptedByPartners ? ` · ${L.adopted(1).replace(/^1 /, '')}` : ''}`);
    if (a.lastNote) doc.fillColor('#444').text(a.lastNote).fillColor('black');
    doc.moveDown(0.3);
  }

  h2(L.measures);
  if (!content.measures.length) doc.text(L.none);
  for (const m of content.measures) {
    if (doc.y > 600) doc.addPage();
    doc.font('Helvetica-Bold').text(pick(m.name, m.nameFr) ?? m.name);
    doc.font('Helvetica').text(`${m.kind === 'population' ? L.population : L.rba[m.rbaType ?? ''] ?? ''} · ${L.baseline}: ${m.baseline ? `${m.baseline.value} (${m.baseline.period})` : '–'} · ${L.target}: ${m.target ?? '–'} · ${L.actual}: ${m.actual ?? '–'} · ${L.status[m.status] ?? m.status}`);
    chart(doc, m.curve, L);
    doc.moveDown(0.5);
  }

  h2(L.nextYear);
  doc.text(pick(content.nextYear, content.nextYearFr) ?? L.none);
  doc.moveDown().fontSize(8).fillColor('#555').text(`${L.generated} ${content.generatedAt.slice(0, 10)} – Roundtable`);
  doc.end();
  return done;
}

/** A small "turn the curve" line chart: actual (solid), target (dashed), forecast (dotted). */
function chart(doc: PDFKit.PDFDocument, rows: ReportContent['measures'][number]['curve'], L: (typeof LABELS)['en'] | (typeof LABELS)['fr']) {
  const series = rows.flatMap((r) => [r.actual, r.target, r.forecast, r.baseline]).filter((v): v is number => v !== null);
  if (rows.length < 2 || !series.length) return;
  const x0 = doc.page.margins.left + 10;
  const y0 = doc.y + 6;
  const w = 300;
  const h = 90;
  let min = Math.min(...series);
  let max = Math.max(...series);
  if (max === min) {
    max += 1;
    min -= 1;
  }
  const px = (i: number) => x0 + (i / (rows.length - 1)) * w;
  const py = (v: number) => y0 + h - ((v - min) / (max - min)) * h;
  doc.save().lineWidth(0.5).strokeColor('#999').rect(x0, y0, w, h).stroke();
  const line = (key: 'actual' | 'target' | 'forecast', color: string, dash?: number) => {
    const pts = rows.map((r, i) => [i, r[key] ?? (key === 'actual' ? r.baseline : null)] as const).filter(([, v]) => v !== null) as [number, number][];
    if (pts.length < 1) return;
    doc.lineWidth(1.5).strokeColor(color);
    if (dash) doc.dash(dash, { space: dash });
    else doc.undash();
    pts.forEach(([i, v], n) => (n === 0 ? doc.moveTo(px(i), py(v)) : doc.lineTo(px(i), py(v))));
    if (pts.length > 1) doc.stroke();
    for (const [i, v] of pts) doc.circle(px(i), py(v), 1.5).fill(color);
  };
  line('forecast', '#888888', 2);
  line('target', '#b35900', 4);
  line('actual', '#1a5fb4');
  doc.undash().restore();
  doc.fontSize(7).fillColor('black');
  rows.forEach((r, i) => doc.text(r.period, px(i) - 12, y0 + h + 2, { width: 24, align: 'center', lineBreak: false }));
  doc.text(`${min}`, x0 - 40, y0 + h - 6, { width: 36, align: 'right', lineBreak: false });
  doc.text(`${max}`, x0 - 40, y0, { width: 36, align: 'right', lineBreak: false });
  doc.text(`— ${L.actual}   - - ${L.target}   ··· ${L.forecast}`, x0 + w + 8, y0 + 10, { width: 140 });
  doc.x = doc.page.margins.left;
  doc.y = y0 + h + 14;
  doc.fontSize(10);
}
