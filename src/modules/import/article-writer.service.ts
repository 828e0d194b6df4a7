import { type EntityManager, In } from 'typeorm';
import { batches, insertRows } from '../../db/insert-rows';
import { badUserInput } from '../../shared/errors';
import { slugify, uniqueSlug } from '../../shared/slug';
import { joinParagraphs, summaryOf } from '../article/article-text';
import { Article } from '../article/article.entity';
import { Mention } from '../mention/mention.entity';
import { normalizePersonName } from '../person/person-name';
import { Person } from '../person/person.entity';
import { Quote } from '../quote/quote.entity';
import { type ArticleDraft, mentionRole, type PersonDraft } from './article-draft';

export interface SavedArticle {
  article: Article;
  /** False when an existing article (same source URL, or same slug) was updated in place. */
  created: boolean;
  /** Everyone the article names now, and named before an update: whose lists and counts changed. */
  personIds: number[];
}

/**
 * Stores a structured article with its people, mentions and quotes. Every method takes the
 * transaction's EntityManager: the caller decides the transaction (one per article), so a
 * failure leaves nothing half-written.
 */
export class ArticleWriter {
  /** Always a new article; a taken slug gets a numeric suffix. */
  async create(manager: EntityManager, draft: ArticleDraft): Promise<Article> {
    return (await this.createArticle(manager, draft)).article;
  }

  private async createArticle(manager: EntityManager, draft: ArticleDraft): Promise<SavedArticle> {
    validateDraft(draft);
    const articles = manager.getRepository(Article);
    const slug = await uniqueSlug(slugify(draft.headline), (candidate) => articles.existsBy({ slug: candidate }));
    const now = new Date();
    const article = await articles.save(articles.create({ ...articleFields(draft, now), slug, createdAt: now }));
    const personIds = await this.saveRelations(manager, article.id, draft, now);
    return { article, created: true, personIds };
  }

  /**
   * Updates the article with the draft's source URL (or, without one, the draft's slug) in
   * place, keeping its id, slug and votes and replacing its people and quotes; else creates it.
   */
  async upsert(manager: EntityManager, draft: ArticleDraft): Promise<SavedArticle> {
    validateDraft(draft);
    const articles = manager.getRepository(Article);
    const existing =
      (draft.sourceUrl ? await articles.findOneBy({ sourceUrl: draft.sourceUrl }) : null) ??
      (await articles.findOneBy({ slug: slugify(draft.headline) }));
    if (!existing) return this.createArticle(manager, draft);

    const now = new Date();
    // A re-import without a source URL keeps the one the article already has.
    const fields = { ...articleFields(draft, now), sourceUrl: draft.sourceUrl ?? existing.sourceUrl };
    await articles.update({ id: existing.id }, fields);
    const before = await manager.getRepository(Mention).find({ select: { personId: true }, where: { articleId: existing.id } });
    await manager.getRepository(Quote).delete({ articleId: existing.id });
    await manager.getRepository(Mention).delete({ articleId: existing.id });
    const named = await this.saveRelations(manager, existing.id, draft, now);
    const personIds = [...new Set([...before.map((mention) => mention.personId), ...named])];
    // With the body just written: the payload's body fields must not read it again (a loader may hold the old one).
    const article = Object.assign(await articles.findOneByOrFail({ id: existing.id }), { body: fields.body });
    return { article, created: false, personIds };
  }

  /** Returns the ids of the people the article names. */
  private async saveRelations(manager: EntityManager, articleId: number, draft: ArticleDraft, now: Date): Promise<number[]> {
    const peopleByName = await this.findOrCreatePeople(manager, draft.people, now);
    const mentions = draft.people.map((personDraft, position) => ({
      articleId,
      personId: peopleByName.get(personDraft.name)!.id,
      role: mentionRole(personDraft, draft.quotes),
      position,
      publishedAt: draft.publishedAt,
    }));
    await insertRows(manager, Mention, mentions, ROWS_PER_INSERT);
    const quotes = draft.quotes.map((quote, position) => ({
      articleId,
      speakerId: quote.speaker === null ? null : (peopleByName.get(quote.speaker)?.id ?? null),
      text: quote.text,
      attribution: quote.attribution,
      paragraphIndex: quote.paragraphIndex,
      position,
      publishedAt: draft.publishedAt,
    }));
    await insertRows(manager, Quote, quotes, ROWS_PER_INSERT);
    return [...new Set(mentions.map((mention) => mention.personId))];
  }

  /**
   * One Person per normalised full name; a new article may add a description none was known for.
   * In a few statements per batch of names, not a few per name: an article can name thousands
   * (a pasted index), and the write queue is held for as long as this takes.
   */
  private async findOrCreatePeople(manager: EntityManager, drafts: readonly PersonDraft[], now: Date): Promise<Map<string, Person>> {
    const people = manager.getRepository(Person);
    const keyOf = new Map(drafts.map((draft) => [draft.name, normalizePersonName(draft.name)]));
    const keys = [...new Set(keyOf.values())];
    const stored = new Map<string, Person>();
    for (const batch of batches(keys, NAMES_PER_QUERY)) {
      for (const person of await people.findBy({ normalizedName: In(batch) })) stored.set(person.normalizedName, person);
    }

    // New people, in the article's order; the first draft of a name decides its slug and description.
    const created = new Map<string, Person>();
    const newDrafts = drafts.filter((draft) => !stored.has(keyOf.get(draft.name)!));
    const bases = [...new Set(newDrafts.map((draft) => slugify(draft.name)))];
    const takenSlugs = new Set<string>();
    for (const batch of batches(bases, NAMES_PER_QUERY)) {
      for (const { slug } of await people.find({ select: { slug: true }, where: { slug: In(batch) } })) takenSlugs.add(slug);
    }
    // Every base slug was looked up above; only a numbered one ("jane-doe-2") still needs asking.
    const looked = new Set(bases);
    const isTaken = async (slug: string) => takenSlugs.has(slug) || (!looked.has(slug) && (await people.existsBy({ slug })));
    for (const draft of newDrafts) {
      const key = keyOf.get(draft.name)!;
      if (created.has(key)) continue;
      const slug = await uniqueSlug(slugify(draft.name), isTaken);
      takenSlugs.add(slug);
      created.set(
        key,
        people.create({ slug, name: draft.name.trim(), normalizedName: key, description: draft.description ?? null, createdAt: now }),
      );
    }
    await insertRows(manager, Person, [...created.values()], ROWS_PER_INSERT);
    for (const batch of batches([...created.keys()], NAMES_PER_QUERY)) {
      for (const person of await people.findBy({ normalizedName: In(batch) })) stored.set(person.normalizedName, person);
    }

    // A description where none was known (the first draft that gives one).
    for (const draft of drafts) {
      const person = stored.get(keyOf.get(draft.name)!)!;
      if (person.description === null && draft.description) {
        person.description = draft.description;
        await people.update({ id: person.id }, { description: draft.description });
      }
    }
    return new Map(drafts.map((draft) => [draft.name, stored.get(keyOf.get(draft.name)!)!]));
  }
}

/** Rows per INSERT and names per IN (…): far under every engine's limit on values per statement (SQLite 32,766). */
const ROWS_PER_INSERT = 100;
const NAMES_PER_QUERY = 500;

function articleFields(draft: ArticleDraft, now: Date) {
  const body = joinParagraphs(draft.paragraphs);
  return {
    headline: draft.headline.trim(),
    section: draft.section.trim(),
    publishedAt: draft.publishedAt,
    updatedAt: now,
    storedStandfirst: draft.standfirst ?? null,
    // Worked out here, once, so that lists show a summary without reading bodies.
    summary: summaryOf(draft.standfirst, body),
    body,
    imageUrl: draft.image?.url ?? null,
    imageCredit: draft.image?.credit ?? null,
    imageCaption: draft.image?.caption ?? null,
    sourceUrl: draft.sourceUrl ?? null,
  };
}

function validateDraft(draft: ArticleDraft): void {
  if (!draft.headline.trim()) throw badUserInput('The article has no headline.');
  if (draft.paragraphs.every((paragraph) => !paragraph.trim())) throw badUserInput('The article has no body text.');
  if (Number.isNaN(draft.publishedAt.getTime())) throw badUserInput('The article has no valid publication date.');
  const names = new Set(draft.people.map((person) => person.name));
  if (names.size !== draft.people.length) throw badUserInput('The article lists the same person twice.');
  for (const quote of draft.quotes) {
    if (quote.speaker !== null && !names.has(quote.speaker)) {
      throw badUserInput(`The quote "${quote.text}" names a speaker who is not among the article's people: ${quote.speaker}`);
    }
  }
}
