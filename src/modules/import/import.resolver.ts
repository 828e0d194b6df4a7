import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { EDITOR_ROLE } from '../../shared/roles';
import { mentionRole } from './article-draft';
import type { Extraction, ImportRequest } from './article.extractor';
import { ImportArticleInput } from './import-article.input';
import { ImportArticlePayload } from './import-article.payload';
import { ImportInputError, ImportTimeoutError } from './import-errors';
import { ImportPreview } from './import-preview.type';
import type { ImportContext } from './import.context';

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportArticlePayload, {
    description: 'Import raw copy as an article with its people and attributed quotes. Needs an editor key (Authorization: Bearer).',
  })
  @Authorized(EDITOR_ROLE)
  async importArticle(
    @Arg('input', { description: 'The copy and what the editor knows about it.' }) input: ImportArticleInput,
    @Ctx() { services }: ImportContext,
  ): Promise<ImportArticlePayload> {
    const result = await asUserInput(() => services.imports.import(toRequest(input)));
    return { article: result.article, created: result.created, warnings: result.warnings };
  }

  @Query(() => ImportPreview, { description: 'What importArticle would store, without storing anything. Needs an editor key.' })
  @Authorized(EDITOR_ROLE)
  async previewImport(
    @Arg('input', { description: 'The copy, as importArticle takes it.' }) input: ImportArticleInput,
    @Ctx() { services }: ImportContext,
  ): Promise<ImportPreview> {
    return toPreview(await asUserInput(() => services.imports.preview(toRequest(input))));
  }
}

function toRequest(input: ImportArticleInput): ImportRequest {
  return { text: input.text, sourceUrl: input.sourceUrl, section: input.section };
}

/**
 * Copy the importer refuses is the caller's error: BAD_USER_INPUT with the problem in words;
 * copy that takes too long to read is IMPORT_TIMEOUT, naming the article.
 */
async function asUserInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ImportInputError || error instanceof ImportTimeoutError) throw error.toGraphQLError();
    throw error;
  }
}

function toPreview({ draft, warnings }: Extraction): ImportPreview {
  return {
    headline: draft.headline,
    section: draft.section,
    publishedAt: draft.publishedAt,
    imageCredit: draft.image?.credit ?? null,
    paragraphs: draft.paragraphs,
    people: draft.people.map((person) => ({
      name: person.name,
      description: person.description ?? null,
      role: mentionRole(person, draft.quotes),
    })),
    quotes: draft.quotes.map((quote) => ({
      text: quote.text,
      speakerName: quote.speaker,
      attribution: quote.attribution,
      paragraphIndex: quote.paragraphIndex,
    })),
    warnings,
  };
}
