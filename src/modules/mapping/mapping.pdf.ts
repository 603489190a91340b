/**
 * A published snapshot as a PDF report (pdfkit), English or French: the method and sources,
 * a heatmap of services per 10,000 residents (need domain × municipality), each domain's table,
 * and the gaps and overlaps people labelled. Only the snapshot's stored figures are used.
 */
import type { Snapshot } from './mapping.schema';

const L = {
  en: { report: 'Service map', published: 'Published', method: 'How it was made', sources: 'Sources', heat: 'Services per 10,000 residents', findings: 'Gaps and overlaps, as labelled by people', none: 'None labelled.', place: 'Municipality', services: 'Services', per10k: 'per 10,000', needs: 'Needs', unmet: 'Unmet needs', key: '"<5": fewer than 5; "x": hidden so that a small count cannot be worked out.', label: { gap_confirmed: 'gap confirmed', not_a_gap: 'not a gap', duplicate: 'duplicate', complementary: 'complementary', coordinated: 'coordinated', to_discuss: 'to discuss' } as Record<string, string> },
  fr: { report: 'Carte des services', published: 'Publiée le', method: 'Méthode', sources: 'Sources', heat: 'Services pour 10 000 habitants', findings: 'Lacunes et chevauchements, tels qu’étiquetés par des personnes', none: 'Aucun étiqueté.', place: 'Municipalité', services: 'Services', per10k: 'pour 10 000', needs: 'Besoins', unmet: 'Besoins non comblés', key: '« <5 » : moins de 5; « x » : masqué pour qu’un petit compte ne puisse pas être déduit.', label: { gap_confirmed: 'lacune confirmée', not_a_gap: 'pas une lacune', duplicate: 'dédoublement', complementary: 'complémentaire', coordinated: 'coordonné', to_discuss: 'à discuter' } as Record<string, string> },
};

export async function snapshotPdf(snap: Snapshot, lang: 'en' | 'fr'): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const t = L[lang];
  const f = snap.figures;
  const doc = new PDFDocument({ size: 'LETTER', layout: 'landscape', margin: 40, info: { Title: `${t.report}: ${snap.title}` }, lang: lang === 'fr' ? 'fr-CA' : 'en-CA' } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const h2 = (s: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#1a3a5a').text(s).moveDown(0.3).font('Helvetica').fontSize(9).fillColor('black');
  const placeName = (p: { name: string; nameFr: string }) => (lang === 'fr' ? p.nameFr : p.name);
  const domainName = (d: { name: string; nameFr: string }) => (lang === 'fr' ? d.nameFr : d.name);

  doc.font('Helvetica-Bold').fontSize(18).text(`${t.report}: ${snap.title}`);
  doc.font('Helvetica').fontSize(10).text(`${lang === 'fr' ? f.region.nameFr : f.region.name} · ${t.published} ${snap.publishedAt.slice(0, 10)}`);
  h2(t.method);
  doc.text(String((snap.method as Record<string, unknown>)[lang] ?? ''));
  doc.text(t.key);
  h2(t.sources);
  doc.list(snap.sources.map((s) => `${s.name}${s.asOf ? ` (${s.asOf})` : ''}`), { bulletRadius: 2 });

  // Heatmap: rows = domains, columns = places, shade by services per 10,000.
  doc.addPage();
  h2(t.heat);
  const max = Math.max(0.1, ...f.cells.map((c) => c.servicesPer10k ?? 0));
  const x0 = 40, labelW = 170, cellW = Math.min(70, (doc.page.width - 80 - labelW) / Math.max(1, f.places.length)), cellH = 16;
  let y = doc.y;
  f.places.forEach((p, i) => doc.fontSize(7).text(placeName(p), x0 + labelW + i * cellW, y, { width: cellW - 2, height: 20 }));
  y += 22;
  for (const d of f.domains) {
    if (y > doc.page.height - 60) { doc.addPage(); y = 40; }
    doc.fontSize(8).fillColor('black').text(domainName(d), x0, y + 4, { width: labelW - 4, height: cellH });
    f.places.forEach((p, i) => {
      const c = f.cells.find((x) => x.domain === d.code && x.geographyId === p.id);
      const v = c?.servicesPer10k;
      const shade = v == null ? 240 : Math.round(235 - (v / max) * 185);
      doc.rect(x0 + labelW + i * cellW, y, cellW - 2, cellH - 2).fill(v == null ? '#eeeeee' : `rgb(${shade}, ${shade + 10 > 255 ? 255 : shade + 10}, 255)`);
      doc.fillColor(v != null && v / max > 0.6 ? 'white' : 'black').fontSize(7).text(v == null ? '–' : String(v), x0 + labelW + i * cellW + 3, y + 4, { width: cellW - 6 });
    });
    y += cellH;
  }
  doc.fillColor('black');

  // One table per domain.
  for (const d of f.domains) {
    doc.addPage();
    h2(domainName(d));
    const cols = [t.place, t.services, t.per10k, t.needs, t.unmet, `${t.unmet} ${t.per10k}`];
    const widths = [200, 70, 80, 70, 90, 120];
    let yy = doc.y;
    const row = (vals: string[], bold = false) => {
      let x = 40;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      vals.forEach((v, i) => { doc.text(v, x, yy, { width: widths[i] - 6 }); x += widths[i]; });
      yy += 15;
    };
    row(cols, true);
    for (const p of f.places) {
      const c = f.cells.find((x) => x.domain === d.code && x.geographyId === p.id);
      row([placeName(p), String(c?.services ?? 0), c?.servicesPer10k == null ? '–' : String(c.servicesPer10k), c?.display.needs ?? '0', c?.display.unmet ?? '0', c?.unmetPer10k == null ? '–' : String(c.unmetPer10k)]);
    }
  }

  doc.addPage();
  h2(t.findings);
  if (!snap.findings.length) doc.text(t.none);
  for (const x of snap.findings) {
    const dom = f.domains.find((d) => d.code === x.domain);
    doc.font('Helvetica-Bold').text(`${t.label[x.label] ?? x.label} · ${dom ? domainName(dom) : x.domain}${x.placeName ? ` · ${x.placeName}` : ''}`);
    if (x.organizationNames.length) doc.font('Helvetica').text(x.organizationNames.join(' / '));
    doc.font('Helvetica').fillColor('#333').text(x.rationale).fillColor('black').moveDown(0.4);
  }
  doc.end();
  return done;
}
