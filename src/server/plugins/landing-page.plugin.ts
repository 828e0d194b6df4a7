import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/** Apollo's landing pages say this when their CDN bundle cannot be loaded. */
const OFFLINE_NOTICE = /(it appears that you might be offline\.<\/p>)/;

/** Apollo's landing page with a link to an explorer served by the gateway itself. */
export function addExplorerLink(html: string, explorerPath: string): string {
  const link = `<p><a href="${explorerPath}">GraphiQL</a> is served by this gateway and works without internet access.</p>`;
  // Where Sandbox's offline notice is (shown when its bundle does not load), else at the top.
  return OFFLINE_NOTICE.test(html) ? html.replace(OFFLINE_NOTICE, `$1\n  ${link}`) : html.replace('<body>', `<body>\n${link}`);
}

/**
 * Wraps one of Apollo's landing-page plugins (Sandbox, or the production page) so that the page
 * also links to the offline explorer (src/server/explorer/graphiql.ts): Sandbox's bundle comes from
 * Apollo's CDN, which a machine without internet access cannot reach.
 */
export function landingPagePlugin<TContext extends BaseContext>(
  apolloLandingPage: ApolloServerPlugin<TContext>,
  explorerPath: string | null,
): ApolloServerPlugin<TContext> {
  if (explorerPath === null) return apolloLandingPage;
  return {
    async serverWillStart(service) {
      const listener = await apolloLandingPage.serverWillStart?.(service);
      const render = listener?.renderLandingPage;
      if (!listener || !render) return listener;
      return {
        ...listener,
        async renderLandingPage() {
          const page = await render.call(listener);
          // Apollo's page is a function when it carries a fresh CSP nonce per render.
          const html = page.html;
          return {
            html: async () => addExplorerLink(typeof html === 'string' ? html : await html(), explorerPath),
          };
        },
      };
    },
  };
}
