import type { ModuleCli } from '../../core/module';
import { systemActor } from '../../core/accounts/actor';
import { refreshFeed, setFeedSchedule } from './mapping.feed';

/** `roundtable mapping refresh-feed` and `roundtable mapping feed-schedule <hours>`. */
export const mappingCli: ModuleCli = {
  commands: {
    'mapping.refresh-feed': {
      run: async (ctx) => refreshFeed(ctx.database, systemActor('cli'), {}, 'skip'), // the server decides the new tables at its next check
    },
    'mapping.feed-schedule': {
      run: async (ctx, args: { hours: string }) => {
        const hours = Number(args.hours);
        if (!Number.isInteger(hours) || hours < 0 || hours > 720) throw new Error('hours: use a whole number from 0 (off) to 720');
        const s = await setFeedSchedule(ctx.database, systemActor('cli'), {}, hours);
        return hours === 0 ? 'The server will no longer refresh the front-line feed on its own.' : `The server refreshes the front-line feed every ${s.feedRefreshHours} hour(s).`;
      },
    },
  },
  register(program, run) {
    const m = program.command('mapping').description('Service mapping');
    m.command('refresh-feed').description('Publish the No Wrong Door de-identified feed into the data repository now').action(() => run('mapping.refresh-feed', {}));
    m.command('feed-schedule').description('How often the server publishes the feed, in hours (0 = only on demand; default 24)').argument('<hours>').action((hours: string) => run('mapping.feed-schedule', { hours }));
  },
};
