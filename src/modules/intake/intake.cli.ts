import type { ModuleCli } from '../../core/module';
import { systemActor } from '../../core/accounts/actor';
import { purge, aggregateFeed } from './intake.reports';
import { rotateKeys } from './intake.rotate';
import { publishFeed } from './intake.publish';
import { bindDatabase } from './intake.crypto';

export const intakeCli: ModuleCli = {
  commands: {
    'intake.purge': {
      run: async (ctx, args: { dryRun?: boolean; years?: number }) => {
        bindDatabase(ctx.database);
        const r = await purge(ctx.database, systemActor('cli'), { dryRun: !!args.dryRun, years: args.years });
        return `${r.dryRun ? 'Would purge' : 'Purged'} ${r.purged} closed client record(s)${Object.keys(r.byOrganization).length ? ` (${Object.entries(r.byOrganization).map(([o, n]) => `${o}: ${n}`).join(', ')})` : ''} and ${r.selfReferrals} answered self-referral(s).`;
      },
    },
    'intake.rotate-keys': {
      run: async (ctx, args: { dryRun?: boolean }) => {
        bindDatabase(ctx.database);
        const r = await rotateKeys(ctx.database, { dryRun: !!args.dryRun, progress: ctx.progress });
        return `${args.dryRun ? 'Would re-encrypt' : 'Re-encrypted'} ${r.values} value(s) in ${r.rows} row(s) under key ${r.keyId}.`;
      },
    },
    'intake.publish-feed': {
      run: async (ctx) => {
        const feed = await aggregateFeed(ctx.database, {});
        const r = await publishFeed(ctx.database, systemActor('cli'), feed);
        return r;
      },
    },
  },
  register(program, run) {
    const intake = program.command('intake').description('No Wrong Door: retention, keys, planning feed');
    intake.command('purge').description('Delete client records closed longer than the retention period (logs counts only)')
      .option('--dry-run', 'Only report what would be purged').option('--years <n>', 'Override every organization\'s retention years', (v) => Number(v))
      .action((o: { dryRun?: boolean; years?: number }) => run('intake.purge', { dryRun: !!o.dryRun, years: o.years }));
    intake.command('rotate-keys').description('Re-encrypt every personal field under the current key and recompute blind indexes')
      .option('--dry-run', 'Only count').action((o: { dryRun?: boolean }) => run('intake.rotate-keys', { dryRun: !!o.dryRun }));
    intake.command('publish-feed').description('Publish the de-identified aggregates into the community data repository')
      .action(() => run('intake.publish-feed', {}));
  },
};
