/**
 * Census Profile import at the size of a real download: a generated file in the 2021 layout, streamed.
 *
 * Generates a file in the real 23-column layout (default 2 GB; `npm run bench -- census --mb 200`
 * for a quick run) in the system temp dir, on PostgreSQL (loopback, database rt_bench_census): every characteristic of thousands of places, of which
 * only Durham's mapped rows are kept, as in a province-wide download. Imports it through `importCensus` (what the CLI and the web upload call) and prints
 * rows/s, MB/s and peak RSS. The floor measured in the same run: csv-parse alone over the same
 * file, with no decoding, filtering or storing; the ratio is printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { openDatabase } from '../src/core/db/database';
import { migrateModules, seedModules } from '../src/core/db/lifecycle';
import { allModules } from '../src/modules';
import { systemActor } from '../src/core/accounts/actor';
import { importCensus } from '../src/modules/data/data.import';
import { useTestEncryptionKey } from '../test/helpers/test-key';
import { benchDatabase, gc, mb, ms, now, round, RssSampler } from './lib/common';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}
const TARGET_MB = Math.max(10, Number(arg('mb') ?? 2048));
const TARGET_PEAK_RSS_MB = 500;

const HEADER = '"CENSUS_YEAR","DGUID","ALT_GEO_CODE","GEO_LEVEL","GEO_NAME","TNR_SF","TNR_LF","DATA_QUALITY_FLAG","CHARACTERISTIC_ID","CHARACTERISTIC_NAME","CHARACTERISTIC_NOTE","C1_COUNT_TOTAL","SYMBOL","C2_COUNT_MEN+","SYMBOL","C3_COUNT_WOMEN+","SYMBOL","C10_RATE_TOTAL","SYMBOL","C11_RATE_MEN+","SYMBOL","C12_RATE_WOMEN+","SYMBOL"';
const row = (geo: string, name: string, id: number, cname: string, count: number, rate = '') =>
  `2021,"2021A0005${geo}","${geo}","Census subdivision","${name}",3.1,4.2,"00000",${id},"${cname}",,${count},"",${Math.floor(count / 2)},"",${Math.ceil(count / 2)},"",${rate},"",,"...",,"..."`;
/** Durham's census subdivisions, which the demo geography knows. */
const DURHAM = ['3518001', '3518005', '3518009', '3518013', '3518017', '3518020', '3518029', '3518039'];

async function generate(file: string): Promise<{ bytes: number; rows: number }> {
  const out = fs.createWriteStream(file);
  out.write(HEADER + '\r\n');
  let bytes = 0;
  let rows = 0;
  let place = 0;
  // 2,631 characteristics per place, as in the 2021 profile; mapped ones (1, 1529) among them.
  while (bytes < TARGET_MB * 1024 * 1024) {
    const durham = place < DURHAM.length;
    const geo = durham ? DURHAM[place] : `35${String(10000 + place).padStart(5, '0')}`;
    const lines: string[] = [];
    for (let c = 1; c <= 2631; c++) {
      const name = c === 1 ? 'Population, 2021' : c === 3 ? 'Population percentage change, 2016 to 2021' : c === 1529 ? '      Immigrants' : `Characteristic ${c} – é`;
      lines.push(row(geo, `Place ${place}`, c, name, 1000 + ((place * 31 + c) % 90000), c === 1529 ? '21.5' : ''));
    }
    const block = lines.join('\r\n') + '\r\n';
    if (!out.write(block, 'latin1')) await once(out, 'drain');
    bytes += Buffer.byteLength(block, 'latin1');
    rows += lines.length;
    place++;
  }
  out.end();
  await once(out, 'finish');
  return { bytes, rows };
}

async function main() {
  useTestEncryptionKey();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-census-'));
  const file = path.join(dir, '98-401-X2021006_English_CSV_data_Ontario.csv');
  try {
    console.log(`Generating a ${TARGET_MB} MB Census Profile file in the real layout…`);
    const genStart = now();
    const { bytes, rows } = await generate(file);
    console.log(`  ${round(bytes / 1024 / 1024, 0)} MB, ${rows.toLocaleString('en-CA')} rows in ${ms(genStart)} ms`);

    // PostgreSQL, so the figure is the importing process's own memory (an embedded PGlite would add its database to it).
    const target = benchDatabase(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'rt_bench_census');
    await target.drop();
    await target.create();
    const database = await openDatabase({ databaseUrl: target.url });
    await migrateModules(database, allModules);
    await seedModules(database, allModules, { demo: true });

    const floorStart = now();
    let floorRows = 0;
    for await (const _ of fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ relax_column_count: true }))) floorRows++;
    const floorMs = ms(floorStart);
    console.log(`Floor: csv-parse alone reads ${floorRows.toLocaleString('en-CA')} records in ${floorMs} ms`);

    gc?.();
    const baseline = process.memoryUsage().rss;
    const rss = new RssSampler();
    rss.start();
    const start = now();
    const summary = await importCensus(database, systemActor('bench'), fs.createReadStream(file, { highWaterMark: 1 << 20 }), {
      dryRun: false,
      collaborativeId: null,
      fileName: path.basename(file),
      totalBytes: bytes,
    });
    const importMs = ms(start);
    const peak = rss.stop();
    await database.close();
    await target.drop();

    const rowsPerSecond = round(rows / (importMs / 1000), 0);
    const mbPerSecond = round(bytes / 1024 / 1024 / (importMs / 1000), 1);
    console.log(`Import: ${importMs} ms for ${rows.toLocaleString('en-CA')} rows (${rowsPerSecond.toLocaleString('en-CA')} rows/s, ${mbPerSecond} MB/s); kept ${summary.rows} observations (${summary.created} created, ${summary.updated} updated)`);
    console.log(`Peak RSS during import: ${mb(peak)} MB (target < ${TARGET_PEAK_RSS_MB} MB; ${mb(baseline)} MB before it started)`);
    console.log(`Import / csv-parse floor: ${round(importMs / floorMs, 2)}×`);
    console.log(`Machine load average: ${os.loadavg().map((l) => round(l, 2)).join(' ')}`);
    const figures = { fileMb: mb(bytes), rows, importMs, rowsPerSecond, mbPerSecond, peakRssMb: mb(peak), floorMs, ratioToFloor: round(importMs / floorMs, 2), kept: summary.rows };
    console.log(JSON.stringify({ bench: 'census', figures, targets: { peakRssMb: TARGET_PEAK_RSS_MB }, pass: { peakRssMb: mb(peak) < TARGET_PEAK_RSS_MB } }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
