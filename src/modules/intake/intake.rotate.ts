import type { Database } from '../../core/db/database';
import type { Progress } from '../../core/db/backup';
import { recordAudit } from '../../core/audit/audit.service';
import { systemActor } from '../../core/accounts/actor';
import { decrypt, dobIndex, encrypt, keyFingerprint, keyring, nameIndex, recordKeyFingerprints } from './intake.crypto';
import { resealRow, SEALED_TABLES, sealedRows } from './repository/keys';

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
    for (const t of SEALED_TABLES) {
      const found = await sealedRows(tx, t);
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
        const sealed = Object.fromEntries(t.columns.map((c) => [c, encrypt(plain[c])]));
        const indexes = isClient ? { nameIndex: nameIndex(plain.name_enc, plain.preferred_name_enc), birthDateIndex: dobIndex(plain.birth_date_enc) } : undefined;
        await resealRow(tx, t, r.pk!, sealed, indexes);
      }
    }
    if (!opts.dryRun) await recordAudit(tx, systemActor('cli'), {}, { action: 'intake.rotate_keys', entityType: 'intake_client', details: { keyId: k.currentId, rows, values } });
  });
  // Every value is now under the current key: older keys are no longer needed to start.
  if (!opts.dryRun) await recordKeyFingerprints(database, { [k.currentId]: keyFingerprint(k.keys.get(k.currentId)!) });
  return { keyId: k.currentId, rows, values };
}
