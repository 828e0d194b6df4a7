import type { EntityManager } from 'typeorm';
import { badUserInput } from '../../shared/errors';
import { slugify, uniqueSlug } from '../../shared/slug';
import { joinParagraphs } from '../article/article-text';
import { Article } from '../article/article.entity';
import { Mention } from '../mention/mention.entity';
import { normalizePersonName } from '../person/person-name';
import { Person } from '../person/person.entity';
import { Quote } from '../quote/quote.entity';
import { type ArticleDraft, mentionRole, type PersonDraft } from './article-draft';

/** Quotes per INSERT statement: 6 values each, far under every engine's limit on values per statement. */
const QUOTES_PER_INSERT = 500;

export interface SavedArticle {
  article: Article;
  /** False when an existing article (same source URL, or same slug) was updated in place. */
  created: boolean;
}

/**
 * Stores a structured article with its people, mentions and quotes. Every method takes the
 * transaction's EntityManager: the caller decides the transaction (one per article), so a
 * failure leaves nothing half-written.
 */
export class ArticleWriter {
  /** Always a new article; a taken slug gets a numeric suffix. */
  async create(manager: EntityManager, draft: ArticleDraft): Promise<Article> {
    validateDraft(draft);
    const articles = manager.getRepository(Article);
    const slug = await uniqueSlug(slugify(draft.headline), (candidate) => articles.existsBy({ slug: candidate }));
    const now = new Date();
    const article = await articles.save(articles.create({ ...articleFields(draft, now), slug, createdAt: now }));
    await this.saveRelations(manager, article.id, draft, now);
    return article;
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
    if (!existing) return { article: await this.create(manager, draft), created: true };

    const now = new Date();
    // A re-import without a source URL keeps the one the article already has.
    const fields = { ...articleFields(draft, now), sourceUrl: draft.sourceUrl ?? existing.sourceUrl };
    await articles.update({ id: existing.id }, fields);
    await manager.getRepository(Quote).delete({ articleId: existing.id });
    await manager.getRepository(Mention).delete({ articleId: existing.id });
    await this.saveRelations(manager, existing.id, draft, now);
    return { article: await articles.findOneByOrFail({ id: existing.id }), created: false };
  }

  private async saveRelations(manager: EntityManager, articleId: number, draft: ArticleDraft, now: Date): Promise<void> {
    const peopleByName = new Map<string, Person>();
    for (const [position, personDraft] of draft.people.entries()) {
      const person = await this.findOrCreatePerson(manager, personDraft, now);
      peopleByName.set(personDraft.name, person);
      await manager
        .getRepository(Mention)
        .insert({ articleId, personId: person.id, role: mentionRole(personDraft, draft.quotes), position });
    }
    const rows = draft.quotes.map((quote, position) => ({
      articleId,
      speakerId: quote.speaker === null ? null : (peopleByName.get(quote.speaker)?.id ?? null),
      text: quote.text,
      attribution: quote.attribution,
      paragraphIndex: quote.paragraphIndex,
      position,
    }));
    // A statement carries at most 32,766 values on SQLite (65,535 on PostgreSQL): a transcript or a
    // pasted dump can hold tens of thousands of quotes, so they go in batches.
    for (let start = 0; start < rows.length; start += QUOTES_PER_INSERT) {
      await manager.getRepository(Quote).insert(rows.slice(start, start + QUOTES_PER_INSERT));
    }
  }

  /** One Person per normalised full name; a new article may add a description none was known for. */
  private async findOrCreatePerson(manager: EntityManager, draft: PersonDraft, now: Date): Promise<Person> {
    const people = manager.getRepository(Person);
    const normalizedName = normalizePersonName(draft.name);
    const existing = await people.findOneBy({ normalizedName });
    if (existing) {
      if (existing.description === null && draft.description) {
        existing.description = draft.description;
        await people.update({ id: existing.id }, { description: draft.description });
      }
      return existing;
    }
    const slug = await uniqueSlug(slugify(draft.name), (candidate) => people.existsBy({ slug: candidate }));
    return people.save(
      people.create({ slug, name: draft.name.trim(), normalizedName, description: draft.description ?? null, createdAt: now }),
    );
  }
}

function articleFields(draft: ArticleDraft, now: Date) {
  return {
    headline: draft.headline.trim(),
    section: draft.section.trim(),
    publishedAt: draft.publishedAt,
    updatedAt: now,
    storedStandfirst: draft.standfirst ?? null,
    body: joinParagraphs(draft.paragraphs),
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
