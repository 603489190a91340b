import { sql } from 'drizzle-orm';
import type { Database } from '../../core/db/database';
import { rowsOf } from '../../core/db/database';
import type { Progress } from '../../core/db/backup';
import { recordAudit } from '../../core/audit/audit.service';
import { systemActor } from '../../core/accounts/actor';
import { decrypt, dobIndex, encrypt, keyFingerprint, keyring, nameIndex, recordKeyFingerprints } from './intake.crypto';
import { arrayParam } from '../../core/db/params';

const TABLES: { table: string; key: string; columns: string[] }[] = [
  { table: 'intake_clients', key: 'id', columns: ['name_enc', 'preferred_name_enc', 'birth_date_enc', 'contact_enc', 'identifiers_enc', 'household_enc', 'immigration_category_enc', 'closed_note_enc'] },
  { table: 'intake_assessments', key: 'id', columns: ['answers_enc'] },
  { table: 'intake_referrals', key: 'id', columns: ['reason_enc'] },
  { table: 'intake_plans', key: 'client_id', columns: ['content_enc'] },
  { table: 'intake_case_conferences', key: 'id', columns: ['attendees_enc', 'notes_enc'] },
  { table: 'intake_self_referrals', key: 'id', columns: ['first_name_enc', 'contact_enc'] },
];

/**
 * Key rotation: with the new key as ROUNDTABLE_ENCRYPTION_KEY (and a new key id) and the old
 * one in ROUNDTABLE_ENCRYPTION_PREVIOUS_KEYS, re-encrypts every value under the new key and
 * recomputes blind indexes (their key derives from the current key). One transaction.
 */
export async function rotateKeys(database: Database, opts: { dryRun: boolean; progress?: Progress }) {
  const k = keyring();
  let rows = 0;
  let values = 0;
  await database.db.transaction(async (tx) => {
    for (const t of TABLES) {
      const found = await rowsOf<Record<string, string | null>>(tx, sql.raw(`SELECT ${t.key} AS pk, ${t.columns.join(', ')} FROM ${t.table}`));
      for (const r of found) {
        const sets: string[] = [];
        const plain: Record<string, string | null> = {};
        for (const c of t.columns) {
          plain[c] = decrypt(r[c]);
          if (r[c] && r[c]!.split(':')[1] !== k.currentId) { sets.push(c); values++; }
        }
        const isClient = t.table === 'intake_clients';
        if (!sets.length && !isClient) continue;
        rows++;
        if (opts.dryRun) continue;
        const assignments = t.columns.map((c) => sql`${sql.raw(c)} = ${encrypt(plain[c])}`);
        if (isClient) {
          const idx = nameIndex(plain.name_enc, plain.preferred_name_enc);
          assignments.push(sql`name_index = ${arrayParam(idx, 'text')}`, sql`birth_date_index = ${dobIndex(plain.birth_date_enc)}`);
        }
        await rowsOf(tx, sql`UPDATE ${sql.raw(t.table)} SET ${sql.join(assignments, sql`, `)} WHERE ${sql.raw(t.key)} = ${r.pk}::uuid`);
      }
    }
    if (!opts.dryRun) await recordAudit(tx, systemActor('cli'), {}, { action: 'intake.rotate_keys', entityType: 'intake_client', details: { keyId: k.currentId, rows, values } });
  });
  // Every value is now under the current key: older keys are no longer needed to start.
  if (!opts.dryRun) await recordKeyFingerprints(database, { [k.currentId]: keyFingerprint(k.keys.get(k.currentId)!) });
  return { keyId: k.currentId, rows, values };
}
