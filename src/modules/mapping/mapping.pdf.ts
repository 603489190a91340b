/**
 * A published snapshot as a PDF report (pdfkit), English or French: the method and sources,
 * a heatmap of services per 10,000 residents (need domain × municipality), each domain's table,
 * and the gaps and overlaps people labelled. Only the snapshot's stored figures are used.
 */
import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import type { Snapshot } from './mapping.schema';
import { SUPPLY_FEATURES } from './mapping.coverage';

type Doc = PDFKit.PDFDocument;
type Box = { x: number; y: number; width: number; height: number };

/** Shade from pale (few services per 10,000) to dark; grey where the figure is not known. */
export function shadeFor(value: number | null | undefined, max: number): string {
  if (value == null) return '#eeeeee';
  const s = Math.round(235 - (Math.min(value, max) / Math.max(max, 0.1)) * 185);
  // pdfkit reads hex or named colours only: anything else (an "rgb(…)" string) is drawn black.
  const hex = (n: number) => Math.min(255, n).toString(16).padStart(2, '0');
  return `#${hex(s)}${hex(s + 10)}ff`;
}

/** A choropleth of the snapshot's stored boundaries, fitted to the box, drawn as PDF paths. */
export function drawChoropleth(doc: Doc, places: { id: string; boundary: Record<string, unknown> | null }[], value: (id: string) => number | null | undefined, max: number, box: Box): number {
  const features = places.filter((p) => p.boundary).map((p) => ({ type: 'Feature' as const, properties: { id: p.id }, geometry: p.boundary as unknown as GeoJSON.Geometry }));
  if (!features.length) return 0;
  const collection = { type: 'FeatureCollection' as const, features } as GeoPermissibleObjects;
  const projection = geoMercator().fitExtent([[box.x, box.y], [box.x + box.width, box.y + box.height]], collection);
  // pdfkit's moveTo/lineTo/closePath are the context geoPath draws into.
  const path = geoPath(projection, doc as unknown as Parameters<typeof geoPath>[1]);
  for (const f of features) {
    path(f as GeoPermissibleObjects);
    doc.lineWidth(0.6).fillAndStroke(shadeFor(value(f.properties.id), max), '#555555');
  }
  doc.fillColor('black').strokeColor('black');
  return features.length;
}

const L = {
  en: { report: 'Service map', published: 'Published', method: 'How it was made', sources: 'Sources', heat: 'Services per 10,000 residents', findings: 'Gaps and overlaps, as labelled by people', none: 'None labelled.', place: 'Municipality', services: 'Services', per10k: 'per 10,000', needs: 'Needs', unmet: 'Unmet needs', key: '"<5": fewer than 5; "x": hidden so that a small count cannot be worked out.', low: 'fewer', high: 'more', grey: 'Grey: no population figure for the place.', features: { free: 'Free', inFrench: 'In French', otherLanguages: 'Other languages', eveningsWeekends: 'Evenings, weekends', openToAll: 'Open to all', full: 'Full' }, label: { gap_confirmed: 'gap confirmed', not_a_gap: 'not a gap', duplicate: 'duplicate', complementary: 'complementary', coordinated: 'coordinated', to_discuss: 'to discuss' } as Record<string, string> },
  fr: { report: 'Carte des services', published: 'Publiée le', method: 'Méthode', sources: 'Sources', heat: 'Services pour 10 000 habitants', findings: 'Lacunes et chevauchements, tels qu’étiquetés par des personnes', none: 'Aucun étiqueté.', place: 'Municipalité', services: 'Services', per10k: 'pour 10 000', needs: 'Besoins', unmet: 'Besoins non comblés', key: '« <5 » : moins de 5; « x » : masqué pour qu’un petit compte ne puisse pas être déduit.', low: 'moins', high: 'plus', grey: 'Gris : aucune population connue pour le lieu.', features: { free: 'Gratuits', inFrench: 'En français', otherLanguages: 'Autres langues', eveningsWeekends: 'Soir, fin de semaine', openToAll: 'Ouverts à tous', full: 'Complets' }, label: { gap_confirmed: 'lacune confirmée', not_a_gap: 'pas une lacune', duplicate: 'dédoublement', complementary: 'complémentaire', coordinated: 'coordonné', to_discuss: 'à discuter' } as Record<string, string> },
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
  const num = new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 }).format;

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
      doc.rect(x0 + labelW + i * cellW, y, cellW - 2, cellH - 2).fill(shadeFor(v, max));
      doc.fillColor(v != null && v / max > 0.6 ? 'white' : 'black').fontSize(7).text(v == null ? '–' : num(v), x0 + labelW + i * cellW + 3, y + 4, { width: cellW - 6 });
    });
    y += cellH;
  }
  doc.fillColor('black');

  // One page per domain: its map, then its table.
  for (const d of f.domains) {
    doc.addPage();
    h2(domainName(d));
    const cellOf = (id: string) => f.cells.find((x) => x.domain === d.code && x.geographyId === id);
    const drawn = drawChoropleth(doc, f.places, (id) => cellOf(id)?.servicesPer10k, max, { x: 40, y: doc.y, width: 320, height: 220 });
    if (drawn) {
      // Legend: the scale of the shading, then what grey means.
      const ly = doc.y + 228;
      doc.fontSize(8).text(`${t.per10k}: ${t.low}`, 40, ly, { lineBreak: false });
      const sx = 40 + doc.widthOfString(`${t.per10k}: ${t.low}`) + 6;
      [0, 0.25, 0.5, 0.75, 1].forEach((k, i) => doc.rect(sx + i * 18, ly - 1, 16, 9).fill(shadeFor(max * k, max)));
      doc.fillColor('black').text(`${t.high} (${num(max)})`, sx + 5 * 18 + 4, ly, { lineBreak: false });
      doc.text(t.grey, 40, ly + 12);
      doc.x = 40;
      doc.moveDown(0.8);
    }
    const cols = [t.place, t.services, t.per10k, t.needs, t.unmet, `${t.unmet} ${t.per10k}`];
    const widths = [200, 70, 80, 70, 90, 120];
    let yy = doc.y;
    const row = (vals: string[], bold = false) => {
      let x = 40;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      // A wrapped heading ("Besoins non comblés pour 10 000") makes its row taller, not the next row's overlap.
      const height = Math.max(...vals.map((v, i) => doc.heightOfString(v, { width: widths[i] - 6 })));
      vals.forEach((v, i) => { doc.text(v, x, yy, { width: widths[i] - 6 }); x += widths[i]; });
      yy += Math.max(15, height + 4);
    };
    row(cols, true);
    for (const p of f.places) {
      const c = f.cells.find((x) => x.domain === d.code && x.geographyId === p.id);
      row([placeName(p), String(c?.services ?? 0), c?.servicesPer10k == null ? '–' : num(c.servicesPer10k), c?.display.needs ?? '0', c?.display.unmet ?? '0', c?.unmetPer10k == null ? '–' : num(c.unmetPer10k)]);
    }
    // What the services offer (maps published before these were counted have none).
    if (f.cells.some((c) => c.free !== undefined)) {
      if (yy > doc.page.height - 40 - 15 * (f.places.length + 2)) { doc.addPage(); yy = 40; }
      yy += 10;
      widths.splice(0, widths.length, 150, 70, ...SUPPLY_FEATURES.map(() => 82));
      row([t.place, t.services, ...SUPPLY_FEATURES.map((k) => t.features[k])], true);
      for (const p of f.places) {
        const c = f.cells.find((x) => x.domain === d.code && x.geographyId === p.id);
        row([placeName(p), String(c?.services ?? 0), ...SUPPLY_FEATURES.map((k) => String(c?.[k] ?? '–'))]);
      }
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
