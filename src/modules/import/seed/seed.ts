import fs from 'node:fs';
import path from 'node:path';
import { InstanceSetting } from '../../../db/instance-setting.entity';
import type { WriteQueue } from '../../../db/write-queue';
import { Article } from '../../article/article.entity';
import { ArticleWriter } from '../article-writer.service';
import type { ArticleExtractor } from '../import.service';

const SEEDED_KEY = 'seeded_at';

/** The raw copy a new database starts with, shipped beside this file (the build copies it to dist/). */
export const SEED_COPY_FILE = path.join(__dirname, 'russia-invites-zelensky.txt');

/**
 * Runs the importer over the shipped seed copy, in a database that has never been seeded and
 * holds no articles. Remembered in instance_setting, so deleting every article later does not
 * bring it back. Returns whether it loaded anything. The copy is extracted by `extractor` (the
 * extraction pool): the gateway's own thread never loads the importer's lexicon, which would
 * hold about 130 MiB for the life of the process.
 */
export async function seedIfNeeded(writes: WriteQueue, extractor: ArticleExtractor): Promise<boolean> {
  const seeded = await writes.run((manager) => manager.getRepository(InstanceSetting).existsBy({ key: SEEDED_KEY }));
  if (seeded) return false;
  const { draft } = await extractor.extract({ text: fs.readFileSync(SEED_COPY_FILE, 'utf8') });
  return writes.transaction(async (manager) => {
    const settings = manager.getRepository(InstanceSetting);
    if (await settings.existsBy({ key: SEEDED_KEY })) return false;
    const empty = (await manager.getRepository(Article).count()) === 0;
    if (empty) await new ArticleWriter().upsert(manager, draft);
    await settings.insert({ key: SEEDED_KEY, value: new Date().toISOString() });
    return empty;
  });
}
