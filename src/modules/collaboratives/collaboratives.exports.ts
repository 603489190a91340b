import PDFDocument from 'pdfkit';
import type { getMeeting } from './meetings';

type Meeting = Awaited<ReturnType<typeof getMeeting>>;

function pdfBuffer(build: (doc: PDFKit.PDFDocument) => void, title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 56, info: { Title: title, Creator: 'Roundtable' }, lang: 'en-CA', displayTitle: true, tagged: true } as PDFKit.PDFDocumentOptions);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    build(doc);
    doc.end();
  });
}

const when = (iso: string) => new Date(iso).toLocaleString('en-CA', { timeZone: 'America/Toronto', dateStyle: 'long', timeStyle: 'short' });

/** Minutes of a meeting as a PDF: attendance and quorum, agenda, minutes, decisions with votes, action items. */
export function minutesPdf(m: Meeting, collaborativeName: string): Promise<Buffer> {
  const title = `Minutes: ${m.title}`;
  return pdfBuffer((doc) => {
    doc.fontSize(18).text(collaborativeName);
    doc.fontSize(15).text(title);
    doc.fontSize(10).fillColor('#333').text(`${when(m.startsAt)}${m.location ? ' · ' + m.location : ''}`).fillColor('black').moveDown();
    if (m.attendance.length) {
      const present = m.attendance.filter((a) => a.status === 'present').map((a) => a.displayName);
      const regrets = m.attendance.filter((a) => a.status === 'regrets').map((a) => a.displayName);
      doc.fontSize(13).text('Attendance');
      doc.fontSize(10).text(`Present: ${present.join('; ') || 'none recorded'}`);
      if (regrets.length) doc.text(`Regrets: ${regrets.join('; ')}`);
      doc.text(`Quorum: ${m.quorum.votingPresent} of ${m.quorum.votingMembers} voting members present, ${m.quorum.required} needed: ${m.quorum.met ? 'met' : 'not met'}`).moveDown();
    }
    doc.fontSize(13).text('Agenda');
    for (const a of m.agenda) doc.fontSize(10).text(`${a.position}. ${a.title} [${a.kind}]${a.presenter ? ' · ' + a.presenter : ''}`);
    doc.moveDown();
    doc.fontSize(13).text('Minutes');
    doc.fontSize(10).text(m.minutes?.trim() || 'No minutes recorded.').moveDown();
    if (m.decisions.length) {
      doc.fontSize(13).text('Decisions');
      for (const d of m.decisions) {
        doc.fontSize(10).text(`Motion: ${d.motion}`);
        doc.text(d.method === 'consensus' ? 'Decided by consensus: carried' : `For ${d.votesFor}, against ${d.votesAgainst}, abstaining ${d.abstentions}: ${d.result}`).moveDown(0.5);
      }
    }
    if (m.actionItems.length) {
      doc.fontSize(13).text('Action items');
      for (const a of m.actionItems) doc.fontSize(10).text(`${a.title} · ${a.ownerName} · due ${a.dueOn}${a.status === 'done' ? ' (done)' : ''}`);
    }
  }, title);
}

/** A governance document version as a PDF. */
export function documentPdf(collaborativeName: string, title: string, v: { number: number; status: string; body: string; approvedAt: string | null }): Promise<Buffer> {
  return pdfBuffer((doc) => {
    doc.fontSize(18).text(collaborativeName);
    doc.fontSize(15).text(title);
    doc.fontSize(10).fillColor('#333').text(`Version ${v.number} · ${v.status}${v.approvedAt ? ' · approved ' + when(v.approvedAt) : ''}`).fillColor('black').moveDown();
    doc.fontSize(11).text(v.body);
  }, title);
}
