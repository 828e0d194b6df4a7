import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CacheHint } from '../../shared/cache-hints';
import { Node } from '../../shared/node.interface';

@Entity({ name: 'person' })
@Unique('uq_person_slug', ['slug'])
@Unique('uq_person_normalized_name', ['normalizedName'])
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A person named in articles.' })
@Directive(CacheHint.RECORD)
export class Person {
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'URL-safe unique name derived from the name.' })
  @Column({ type: 'varchar', length: 160 })
  slug: string;

  @Field({ description: 'The full name, as first seen in an article.' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Lower-cased, ASCII-folded full name: the same person across articles is one record. */
  @Column({ name: 'normalized_name', type: 'varchar', length: 200 })
  normalizedName: string;

  @Field(() => String, { nullable: true, description: 'The role the copy gives, e.g. "Kremlin spokesperson".' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'created_at' })
  createdAt: Date;
}
