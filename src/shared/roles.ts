/** The role `@Authorized` asks for on importArticle and previewImport: a request with a valid editor key. */
export const EDITOR_ROLE = 'EDITOR';
