import { useState } from 'react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Form, TextField, useZodForm } from '../../../core/form';
import { LoadError, Loading, useTitle, Table } from '../../../core/ui';
import { usePublish, useSnapshots } from '../hooks';
import { MappingFrame, useRegion } from '../components/parts';
import '../mapping.css';

const publishSchema = z.object({ title: z.string().trim().min(1).max(300) });

export function SnapshotsPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('mapping.snapshotsTitle'));
  const { region } = useRegion();
  const q = useSnapshots(region?.id);
  const publish = usePublish();
  const navigate = useNavigate();
  const form = useZodForm(publishSchema, { defaultValues: { title: '' } });
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const date = (s: string) => new Date(s).toLocaleString(i18n.language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <MappingFrame title={t('mapping.snapshotsTitle')} region>
      <p>{t('mapping.snapshotsLead')}</p>
      {q.data?.actions['mapping.snapshot.publish'] ? (
        <Form
          form={form}
          className="form mapping-form"
          heading={<h2>{t('mapping.publishHeading')}</h2>}
          submitLabel={t('mapping.publish')}
          onSubmit={async (v) => {
            if (!region) return;
            const s = await publish.mutateAsync({ title: v.title, regionId: region.id, months: 12 });
            navigate(`/mapping/snapshots/${s.id}`);
          }}
        >
          <TextField name="title" label={t('mapping.snapshotTitle')} required />
        </Form>
      ) : null}
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : q.data.items.length === 0 ? <p>{t('mapping.noSnapshots')}</p> : (
        <>
          <Table className="data-table">
            <caption>{t('mapping.snapshotsCaption')}</caption>
            <thead><tr><th scope="col">{t('mapping.snapshotTitle')}</th><th scope="col">{t('mapping.publishedAt')}</th><th scope="col">{t('mapping.visibility')}</th></tr></thead>
            <tbody>
              {q.data.items.map((s) => (
                <tr key={s.id}>
                  <th scope="row"><Link to={`/mapping/snapshots/${s.id}`}>{s.title}</Link></th>
                  <td>{date(s.publishedAt)}</td>
                  <td>{s.isPublic ? t('mapping.public') : t('mapping.private')}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          {q.data.items.length > 1 ? (
            <form className="mapping-controls" onSubmit={(e) => { e.preventDefault(); navigate(`/mapping/snapshots/compare?a=${a}&b=${b}`); }}>
              <h2>{t('mapping.compareHeading')}</h2>
              <div className="field">
                <label htmlFor="cmp-a">{t('mapping.compareA')}</label>
                <select id="cmp-a" value={a} onChange={(e) => setA(e.target.value)}>
                  <option value="">–</option>
                  {q.data.items.map((s) => <option key={s.id} value={s.id}>{`${s.title} (${date(s.publishedAt)})`}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor="cmp-b">{t('mapping.compareB')}</label>
                <select id="cmp-b" value={b} onChange={(e) => setB(e.target.value)}>
                  <option value="">–</option>
                  {q.data.items.map((s) => <option key={s.id} value={s.id}>{`${s.title} (${date(s.publishedAt)})`}</option>)}
                </select>
              </div>
              <button type="submit" disabled={!a || !b || a === b}>{t('mapping.compare')}</button>
            </form>
          ) : null}
        </>
      )}
    </MappingFrame>
  );
}
