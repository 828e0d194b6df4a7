import { MentionRole } from '../mention/mention-role.enum';

/** A structured article ready to store: what the importer extracts from raw copy, and what ArticleWriter stores. */
export interface ArticleDraft {
  headline: string;
  section: string;
  publishedAt: Date;
  /** Null to fall back to the first paragraph. */
  standfirst?: string | null;
  paragraphs: string[];
  image?: { url?: string | null; credit?: string | null; caption?: string | null } | null;
  sourceUrl?: string | null;
  /** In order of first appearance. */
  people: PersonDraft[];
  /** In order of appearance. */
  quotes: QuoteDraft[];
}

/** A person the copy names, with the role it gives them. */
export interface PersonDraft {
  name: string;
  description?: string | null;
  /** The extraction rule that made it a person (`npm run accuracy` reports it); not stored. */
  rule?: string;
}

/** A quoted span and who the copy says spoke it. */
export interface QuoteDraft {
  text: string;
  /** The `name` of one of the draft's people, or null when the copy does not name the source. */
  speaker: string | null;
  attribution: string;
  paragraphIndex: number;
  /** The attribution rule that gave the speaker (`npm run accuracy` reports it); not stored. */
  rule?: string;
}

/** QUOTED for people with a quote in the article, MENTIONED otherwise. */
export function mentionRole(person: PersonDraft, quotes: readonly QuoteDraft[]): MentionRole {
  return quotes.some((quote) => quote.speaker === person.name) ? MentionRole.QUOTED : MentionRole.MENTIONED;
}
