// The sandbox's @forge/bridge host, loaded before a Custom UI bundle in its iframe (as Jira injects
// its own). Every call goes to the shell that owns the iframe; the shell answers as Jira would.
(function () {
  var host = window.parent && window.parent.__sandboxHost;
  if (!host) throw new Error('Flight Plan sandbox: this page must be opened inside the sandbox shell');
  window.__bridge = {
    callBridge: function (command, payload) {
      return host.callBridge(window.frameElement, command, payload);
    },
  };
})();
