import { DataSource } from 'typeorm';
import { ArticleWriter } from '../../modules/article/article-writer.service';
import { Article } from '../../modules/article/article.entity';
import { InstanceSetting } from '../instance-setting.entity';
import { WriteQueue } from '../write-queue';
import { SEED_ARTICLE } from './seed-article';

const SEEDED_KEY = 'seeded_at';

/**
 * Loads the seed article into a database that has never been seeded and holds no articles.
 * Remembered in instance_setting, so deleting every article later does not bring it back.
 * Returns whether it loaded anything.
 */
export async function seedIfNeeded(dataSource: DataSource, writes: WriteQueue): Promise<boolean> {
  return writes.transaction(async (manager) => {
    const settings = manager.getRepository(InstanceSetting);
    if (await settings.existsBy({ key: SEEDED_KEY })) return false;
    const empty = (await manager.getRepository(Article).count()) === 0;
    if (empty) await new ArticleWriter().create(manager, SEED_ARTICLE);
    await settings.insert({ key: SEEDED_KEY, value: new Date().toISOString() });
    return empty;
  });
}
