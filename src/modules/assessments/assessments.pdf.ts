/**
 * A welcoming-community profile as a PDF (pdfkit), English or French: one section per
 * characteristic in priority order, with its services, indicators and comparisons. Only the
 * profile's stored content is used, so the PDF of an old profile never changes.
 */
import type { Profile } from './assessments.schema';

const L = {
  en: { report: 'Welcoming-community profile', made: 'Profile of', framework: 'Framework', services: 'services in the directory serve this characteristic here', latest: 'Latest', none: 'No indicator chosen.', period: 'Period', value: 'Value', community: 'Community', overTime: 'Over time', peers: 'Compared with peer communities', actions: 'Plan actions', immigrants: 'Immigrants', nonImmigrants: 'non-immigrants', hidden: 'suppressed' },
  fr: { report: 'Profil de communauté accueillante', made: 'Profil du', framework: 'Cadre', services: 'services du répertoire répondent à cette caractéristique ici', latest: 'Dernière valeur', none: 'Aucun indicateur choisi.', period: 'Période', value: 'Valeur', community: 'Communauté', overTime: 'Dans le temps', peers: 'Comparé à des communautés comparables', actions: 'Actions du plan', immigrants: 'Immigrants', nonImmigrants: 'non-immigrants', hidden: 'masqué' },
};

export async function profilePdf(p: Profile, lang: 'en' | 'fr'): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const t = L[lang];
  const doc = new PDFDocument({ size: 'LETTER', margin: 50, info: { Title: `${t.report}: ${p.title}` }, lang: lang === 'fr' ? 'fr-CA' : 'en-CA' } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const nm = (x: { nameEn: string; nameFr: string }) => (lang === 'fr' ? x.nameFr : x.nameEn);
  const place = lang === 'fr' ? p.content.placeFr : p.content.placeEn;
  doc.font('Helvetica-Bold').fontSize(18).text(`${t.report}: ${p.title}`);
  doc.font('Helvetica').fontSize(10).text(`${place} · ${t.made} ${p.createdAt.slice(0, 10)}`);
  doc.text(`${t.framework}: ${lang === 'fr' ? p.framework.fr : p.framework.en} (v${p.framework.version})`);
  for (const c of p.content.characteristics) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#1a3a5a').text(`${c.rank}. ${lang === 'fr' ? c.fr : c.en}`).moveDown(0.2);
    doc.font('Helvetica').fontSize(10).fillColor('black').text(`${c.services} ${t.services}.`);
    if (c.actions.length) doc.text(`${t.actions}: ${c.actions.map((a) => (lang === 'fr' ? a.titleFr : null) ?? a.title).join(' · ')}`);
    if (!c.indicators.length) doc.text(t.none);
    for (const i of c.indicators) {
      doc.moveDown(0.3).font('Helvetica-Bold').text(nm(i)).font('Helvetica');
      doc.text(i.latest ? `${t.latest}: ${i.latest.display} (${i.latest.period})` : '–');
      if (i.overTime?.length) doc.text(`${t.overTime}: ${i.overTime.map((x) => `${x.period} ${x.display}`).join(' · ')}`);
      if (i.peers?.length) doc.text(`${t.peers}: ${[`${place} ${i.latest?.display ?? '–'}`, ...i.peers.map((x) => `${nm(x)} ${x.latest?.display ?? '–'}`)].join(' · ')}`);
      const im = i.immigrants;
      if (im?.available && im.immigrants && im.nonImmigrants) {
        const v = (x: { display: string; suppressed: boolean }) => (x.suppressed ? t.hidden : x.display);
        doc.text(`${t.immigrants} ${v(im.immigrants)} · ${t.nonImmigrants} ${v(im.nonImmigrants)} (${im.period ?? ''})`);
      }
      if (i.immigrants) doc.fillColor('#444').text(lang === 'fr' ? i.immigrants.noteFr : i.immigrants.noteEn).fillColor('black');
    }
  }
  doc.end();
  return done;
}
