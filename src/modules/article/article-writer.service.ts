import { EntityManager } from 'typeorm';
import { badUserInput } from '../../server/errors';
import { slugify, uniqueSlug } from '../../shared/slug';
import { Mention } from '../person/mention.entity';
import { normalizePersonName } from '../person/person-name';
import { Person } from '../person/person.entity';
import { Quote } from '../quote/quote.entity';
import { joinParagraphs } from './article-text';
import { ArticleDraft, mentionRole, PersonDraft } from './article-draft';
import { Article } from './article.entity';

/**
 * Stores a structured article with its people, mentions and quotes. Every method takes the
 * transaction's EntityManager: the caller decides the transaction (one per article), so a
 * failure leaves nothing half-written.
 */
export class ArticleWriter {
  async create(manager: EntityManager, draft: ArticleDraft): Promise<Article> {
    validateDraft(draft);
    const now = new Date();
    const articles = manager.getRepository(Article);
    const slug = await uniqueSlug(slugify(draft.headline), (candidate) => articles.existsBy({ slug: candidate }));
    const article = await articles.save(
      articles.create({
        slug,
        headline: draft.headline.trim(),
        section: draft.section.trim(),
        publishedAt: draft.publishedAt,
        updatedAt: now,
        createdAt: now,
        storedStandfirst: draft.standfirst ?? null,
        body: joinParagraphs(draft.paragraphs),
        imageUrl: draft.image?.url ?? null,
        imageCredit: draft.image?.credit ?? null,
        imageCaption: draft.image?.caption ?? null,
        sourceUrl: draft.sourceUrl ?? null,
      }),
    );

    const peopleByName = new Map<string, Person>();
    for (const [position, personDraft] of draft.people.entries()) {
      const person = await this.findOrCreatePerson(manager, personDraft, now);
      peopleByName.set(personDraft.name, person);
      await manager.getRepository(Mention).insert({
        articleId: article.id,
        personId: person.id,
        role: mentionRole(personDraft, draft.quotes),
        position,
      });
    }

    if (draft.quotes.length > 0) {
      await manager.getRepository(Quote).insert(
        draft.quotes.map((quote, position) => ({
          articleId: article.id,
          speakerId: quote.speaker === null ? null : (peopleByName.get(quote.speaker)?.id ?? null),
          text: quote.text,
          attribution: quote.attribution,
          paragraphIndex: quote.paragraphIndex,
          position,
        })),
      );
    }
    return article;
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

function validateDraft(draft: ArticleDraft): void {
  if (!draft.headline.trim()) throw badUserInput('The article has no headline.');
  if (draft.paragraphs.every((paragraph) => !paragraph.trim())) throw badUserInput('The article has no body text.');
  if (Number.isNaN(draft.publishedAt.getTime())) throw badUserInput('The article has no valid publication date.');
  const names = new Set(draft.people.map((person) => person.name));
  for (const quote of draft.quotes) {
    if (quote.speaker !== null && !names.has(quote.speaker)) {
      throw badUserInput(`The quote "${quote.text}" names a speaker who is not among the article's people: ${quote.speaker}`);
    }
  }
}
