import { randomBytes } from 'node:crypto';
import type { Repository } from 'typeorm';
import type { InstanceSetting } from './instance-setting.entity';

/**
 * The value under `key`, created from `make()` the first time. INSERT … DO NOTHING then read,
 * so that gateways starting together on one database all end up with the same value.
 */
export async function settingOrCreate(settings: Repository<InstanceSetting>, key: string, make: () => string): Promise<string> {
  await settings.createQueryBuilder().insert().values({ key, value: make() }).orIgnore().execute();
  const row = await settings.findOneByOrFail({ key });
  return row.value;
}

export function voterSalt(settings: Repository<InstanceSetting>): Promise<string> {
  return settingOrCreate(settings, 'voter_salt', () => randomBytes(32).toString('hex'));
}
