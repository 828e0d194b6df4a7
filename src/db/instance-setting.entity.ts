import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Instance-wide values kept in the database so that every gateway process shares them. */
@Entity({ name: 'instance_setting' })
export class InstanceSetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
