// Starts GraphiQL in the page /graphiql serves (src/server/explorer/graphiql.ts). Plain browser
// script, no bundler: React, ReactDOM and GraphiQL are globals from the UMD files served beside it,
// and the page's settings come from a JSON block (scripts are 'self'-only under the page's CSP).
(function startGraphiQL() {
  'use strict';
  var settings = JSON.parse(document.getElementById('newsgate-explorer').textContent);

  // A voter id per browser, so that votes from this explorer count as one reader's: sent as
  // X-Voter-Id with every request, and in the WebSocket's connection params.
  var voterId = window.localStorage.getItem('newsgate:voter-id');
  if (!voterId) {
    voterId = 'graphiql-' + Math.random().toString(36).slice(2, 12);
    window.localStorage.setItem('newsgate:voter-id', voterId);
  }
  // Subscriptions (ratingChanged) over graphql-ws on the same path; browsers cannot set headers on
  // a WebSocket, so the voter id goes in the connection params.
  var socketUrl = (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + settings.endpoint;
  var fetcher = GraphiQL.createFetcher({
    url: settings.endpoint,
    // On every request, not in the headers editor: nothing of it is kept in GraphiQL's storage.
    headers: { 'x-voter-id': voterId },
    wsClient: graphqlWs.createClient({ url: socketUrl, lazy: true, connectionParams: { 'x-voter-id': voterId } }),
  });

  // The vote example needs a real article: the newest one, asked for once, before GraphiQL renders.
  function newestArticleId() {
    return fetch(settings.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles(first: 1) { edges { node { id } } } }' }),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (result) {
        var edges = result && result.data && result.data.articles ? result.data.articles.edges : [];
        return edges.length > 0 ? edges[0].node.id : null;
      })
      .catch(function () {
        return null;
      });
  }

  function render(articleId) {
    var tabs = settings.examples.map(function (example) {
      var variables = example.variables;
      // Examples name the article they need as "$newestArticleId".
      if (articleId) {
        variables = JSON.parse(
          JSON.stringify(variables || null)
            .split('"$newestArticleId"')
            .join(JSON.stringify(articleId)),
        );
      }
      return {
        query: example.query,
        variables: variables ? JSON.stringify(variables, null, 2) : undefined,
      };
    });
    // Headers typed into GraphiQL (an editor's key, say) are not kept across visits.
    var props = { fetcher: fetcher, defaultTabs: tabs, defaultEditorToolsVisibility: true, shouldPersistHeaders: false };
    // GraphiQL takes the first tab's variables from its own props, not from defaultTabs: given on
    // a first visit only, so that they never replace what the user typed.
    if (window.localStorage.getItem('graphiql:tabState') === null) props.variables = tabs[0].variables;
    ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
  }

  newestArticleId().then(render);
})();
