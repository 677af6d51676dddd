// Starts GraphiQL on the page served by the Civic Register gateway. The endpoint comes from the
// page (data-endpoint), so this file is the same for every endpoint and needs no inline script.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  var endpoint = new URL(root.getAttribute("data-endpoint"), window.location.href).toString();
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: endpoint }),
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      // Bearer tokens typed under Headers stay in this tab: they are not written to storage.
      shouldPersistHeaders: false,
    })
  );
})();
