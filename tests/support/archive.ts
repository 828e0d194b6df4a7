import type { DataSource } from 'typeorm';
import type { Article } from '../../src/modules/article/article.entity';
import type { ArticleDraft, PersonDraft, QuoteDraft } from '../../src/modules/import/article-draft';
import { ArticleWriter } from '../../src/modules/import/article-writer.service';
import { commitGroup } from '../../src/modules/rating/vote-committer';
import { seededRandom } from '../../src/shared/seeded-random';

const FIRST_NAMES = ['Amara', 'Bogdan', 'Chloé', 'Dmitri', 'Elif', 'Farah', 'Gustavo', 'Hana', 'Ilya', 'Jonas', 'Kemi', 'Lars'];
const LAST_NAMES = ['Okafor', 'Nowak', 'Dubois', 'Sokolov', 'Yilmaz', 'Haddad', 'Pereira', 'Sato', 'Petrov', 'Berg', 'Adeyemi', 'Lund'];
const SECTIONS = ['World', 'Politics', 'Business', 'Science'];
/** 24 people, so that each appears in several articles. */
const ROSTER = Array.from({ length: 24 }, (_, i) => `${FIRST_NAMES[i % 12]} ${LAST_NAMES[(i * 5 + Math.floor(i / 12)) % 12]}`);

export interface ArchiveOptions {
  articles: number;
  seed?: number;
  /** Votes given to each article at most. */
  maxVotes?: number;
}

/** Builds article drafts with people, quotes and distinct publication times. */
export function archiveDrafts({ articles, seed = 7 }: ArchiveOptions): ArticleDraft[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const drafts: ArticleDraft[] = [];
  for (let index = 0; index < articles; index += 1) {
    const peopleCount = 1 + Math.floor(random() * 4);
    const people: PersonDraft[] = [];
    while (people.length < peopleCount) {
      const name = pick(ROSTER);
      if (!people.some((person) => person.name === name))
        people.push({ name, description: random() < 0.7 ? `${pick(SECTIONS)} minister` : null });
    }
    const paragraphs = [
      `Paragraph one of story ${index} names ${people.map((person) => person.name).join(' and ')}.`,
      `Paragraph two of story ${index} carries the quotes.`,
      `Paragraph three of story ${index} closes it.`,
    ];
    const quotes: QuoteDraft[] = [];
    // Every article has a named speaker, so any page exercises every relation.
    const quoteCount = 1 + Math.floor(random() * 3);
    for (let q = 0; q < quoteCount; q += 1) {
      const speaker = q === 0 || random() < 0.7 ? pick(people).name : null;
      quotes.push({
        text: `Quote ${q} of story ${index}`,
        speaker,
        attribution: speaker ? `${speaker} said` : 'an official said',
        paragraphIndex: 1,
      });
    }
    drafts.push({
      headline: `Story ${index}: ${pick(SECTIONS)} update`,
      section: pick(SECTIONS),
      // Distinct minutes, shuffled a little so publication order differs from insertion order.
      publishedAt: new Date(Date.UTC(2025, 0, 1) + ((index * 7919) % articles) * 60_000),
      paragraphs,
      people,
      quotes,
    });
  }
  return drafts;
}

/** Stores a generated archive (and random votes) straight through the data layer. */
export async function loadArchive(dataSource: DataSource, options: ArchiveOptions): Promise<Article[]> {
  const random = seededRandom((options.seed ?? 7) + 1);
  const writer = new ArticleWriter();
  const stored: Article[] = [];
  await dataSource.transaction(async (manager) => {
    for (const draft of archiveDrafts(options)) {
      const article = await writer.create(manager, draft);
      stored.push(article);
      const votes = Math.floor(random() * ((options.maxVotes ?? 5) + 1));
      // Through the gateway's own vote write, so the tallies are kept as they are for real votes.
      if (votes > 0) {
        await commitGroup(
          manager,
          Array.from({ length: votes }, (_, v) => ({
            articleId: article.id,
            voterHash: `archive-voter-${v}`,
            stars: 1 + Math.floor(random() * 5),
          })),
        );
      }
    }
  });
  return stored;
}

export { seededRandom };
