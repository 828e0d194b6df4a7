import 'reflect-metadata';
import { type FieldNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { columnsFor } from '../db/column-selection';
import { selectedFields } from './selected-fields';

/** The resolve info of the operation's first root field, as graphql-js hands it to that field's resolver. */
function infoOf(source: string) {
  const document = parse(source);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const root = operation.selectionSet.selections.filter((selection): selection is FieldNode => selection.kind === Kind.FIELD);
  return { fieldNodes: root.filter((field) => field.name.value === root[0].name.value), fragments };
}

describe('selectedFields', () => {
  it('names the fields asked for, sorted, once each, whatever their aliases', () => {
    expect(selectedFields(infoOf('{ article { slug headline title: headline id } }'))).toEqual(['headline', 'id', 'slug']);
  });

  it('follows a path into a connection', () => {
    const info = infoOf('{ articles { totalCount edges { cursor node { headline people { name } } } } }');
    expect(selectedFields(info, ['edges', 'node'])).toEqual(['headline', 'people']);
    expect(selectedFields(info, ['edges'])).toEqual(['cursor', 'node']);
    expect(selectedFields(info, ['pageInfo'])).toEqual([]);
  });

  it('expands named and inline fragments, nested, and each named fragment once', () => {
    const info = infoOf(`{ articles { edges { ...Edge node { ... on Article { section } ...Again } } } }
      fragment Edge on ArticleEdge { node { ...Card } }
      fragment Card on Article { headline ... { image { url } } ...Again }
      fragment Again on Article { slug }`);
    expect(selectedFields(info, ['edges', 'node'])).toEqual(['headline', 'image', 'section', 'slug']);
  });

  it('unites the selections of a field asked for twice', () => {
    expect(selectedFields(infoOf('{ article { slug } article { headline } }'))).toEqual(['headline', 'slug']);
  });

  it('follows a path by field name, so aliases of one list unite (the one result serves them all)', () => {
    const info = infoOf('{ articles { edges { node { headline } } more: edges { node { slug } } } }');
    expect(selectedFields(info, ['edges', 'node'])).toEqual(['headline', 'slug']);
    expect(selectedFields(info)).toEqual(['edges']);
  });

  it('gives the same answer for the same field node asked again (remembered per node and path)', () => {
    const info = infoOf('{ articles { edges { node { headline } } } }');
    const first = selectedFields(info, ['edges', 'node']);
    expect(selectedFields(info, ['edges', 'node'])).toBe(first);
    expect(selectedFields(info, ['edges'])).toEqual(['node']);
  });
});

@Entity('story')
class Story {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  title: string;

  @Column({ name: 'kicker_text', type: 'text', nullable: true })
  kicker: string | null;

  @Column({ type: 'text', select: false })
  body: string;

  @Column({ name: 'photo_url', type: 'text', nullable: true })
  photoUrl: string | null;

  @Column({ name: 'photo_credit', type: 'text', nullable: true })
  photoCredit: string | null;
}

describe('columnsFor', () => {
  const dataSource = new DataSource({ type: 'sqlite', database: ':memory:', entities: [Story] });
  beforeAll(() => dataSource.initialize());
  afterAll(() => dataSource.destroy());
  const metadata = () => dataSource.getMetadata(Story);

  it('selects the primary key and the columns named like the fields, in the entity order', () => {
    expect(columnsFor(metadata(), ['kicker', 'title', 'comments'])).toEqual(['id', 'title', 'kicker']);
    expect(columnsFor(metadata(), [])).toEqual(['id']);
  });

  it('selects what a derived field reads, and what the read itself needs', () => {
    const derived = { photo: ['photoUrl', 'photoCredit'], standfirst: ['kicker'] };
    expect(columnsFor(metadata(), ['photo', 'standfirst'], derived)).toEqual(['id', 'kicker', 'photoUrl', 'photoCredit']);
    expect(columnsFor(metadata(), [], derived, ['title'])).toEqual(['id', 'title']);
  });

  it('never selects a column read only on request (select: false)', () => {
    expect(columnsFor(metadata(), ['body', 'title'])).toEqual(['id', 'title']);
  });
});
