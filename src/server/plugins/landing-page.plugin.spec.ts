import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { addExplorerLink, landingPagePlugin } from './landing-page.plugin';

describe('landing page', () => {
  it("puts the explorer link after Sandbox's offline notice", () => {
    const html = '<body><div class="fallback"><p>Apollo Sandbox cannot be loaded; it appears that you might be offline.</p></div></body>';
    const linked = addExplorerLink(html, '/graphiql');
    expect(linked).toMatch(/offline\.<\/p>\s*<p><a href="\/graphiql">GraphiQL<\/a>/);
  });

  it('puts it at the top of a page without that notice', () => {
    expect(addExplorerLink('<html><body><main></main></body></html>', '/graphiql')).toMatch(/<body>\s*<p><a href="\/graphiql">/);
  });

  it("wraps Apollo's Sandbox page, a fresh nonce each render, or leaves it alone without an explorer", async () => {
    const apollo = ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false });
    expect(landingPagePlugin(apollo, null)).toBe(apollo);
    const listener = await landingPagePlugin(apollo, '/graphiql').serverWillStart?.({} as never);
    const page = await listener?.renderLandingPage?.();
    const render = page?.html as () => Promise<string>;
    const [first, second] = [await render(), await render()];
    for (const html of [first, second]) expect(html).toContain('<a href="/graphiql">GraphiQL</a>');
    const nonce = (html: string) => html.match(/nonce-([0-9a-f]+)/)?.[1];
    expect(nonce(first)).toBeDefined();
    expect(nonce(first)).not.toBe(nonce(second));
  });
});
