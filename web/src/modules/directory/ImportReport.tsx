import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface ReportEntry {
  file: string;
  row: number | null;
  field: string;
  value: string;
  reason: string;
}

const SHOWN = 500;
const columns = ['file', 'row', 'field', 'value', 'reason'] as const;

/** CSV as the CLI writes it; cells that a spreadsheet would run as formulas are shown as text. */
function toCsv(report: ReportEntry[]): string {
  const cell = (v: unknown) => {
    let s = v == null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...report.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

/** The lenient import's report: a table of what was skipped or changed, with downloads. */
export function ImportReport({ report }: { report: ReportEntry[] }) {
  const { t } = useTranslation();
  const links = useMemo(
    () => ({
      csv: URL.createObjectURL(new Blob([toCsv(report)], { type: 'text/csv;charset=utf-8' })),
      json: URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' })),
    }),
    [report],
  );
  return (
    <section aria-labelledby="import-report-title">
      <h2 id="import-report-title">{t('directoryImport.reportTitle')}</h2>
      {report.length === 0 ? (
        <p>{t('directoryImport.reportEmpty')}</p>
      ) : (
        <>
          <p>{t('directoryImport.reportLead', { count: report.length })}</p>
          <p>
            <a className="button" href={links.csv} download="directory-import-report.csv">
              {t('directoryImport.downloadCsv')}
            </a>{' '}
            <a className="button" href={links.json} download="directory-import-report.json">
              {t('directoryImport.downloadJson')}
            </a>
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="import-report-caption">
            <table>
              <caption id="import-report-caption">{t('directoryImport.reportCaption')}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c} scope="col">
                      {t(`directoryImport.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.slice(0, SHOWN).map((r, i) => (
                  <tr key={i}>
                    <td>{r.file}</td>
                    <td>{r.row ?? ''}</td>
                    <td>
                      <code>{r.field}</code>
                    </td>
                    <td>{r.value}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.length > SHOWN && <p>{t('directoryImport.showingFirst', { count: SHOWN })}</p>}
        </>
      )}
    </section>
  );
}
