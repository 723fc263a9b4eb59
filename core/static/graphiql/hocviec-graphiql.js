// hocviec's GraphiQL page: a sign-in bar above GraphiQL, whose queries carry the session
// cookie. The page holds no data; what a query returns follows the viewer's roles. After
// signing in or out GraphiQL is mounted again, so the schema (the docs pane) is fetched anew.
(function () {
  "use strict";

  const ENDPOINT = "/graphql";
  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  const form = document.getElementById("sign-in");
  const signedIn = document.getElementById("signed-in");
  const who = document.getElementById("who");
  const message = document.getElementById("account-message");
  let mounts = 0;

  async function post(query, variables) {
    const response = await fetch(ENDPOINT, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  }

  function mount() {
    const fetcher = GraphiQL.createFetcher({ url: ENDPOINT });
    mounts += 1;
    root.render(
      React.createElement(GraphiQL, {
        key: mounts,
        fetcher,
        plugins: [GraphiQLPluginExplorer.explorerPlugin()],
        defaultTabs: window.HOCVIEC_EXAMPLES,
        defaultEditorToolsVisibility: true,
      }),
    );
  }

  function show(viewer) {
    form.hidden = Boolean(viewer);
    signedIn.hidden = !viewer;
    if (viewer) {
      const roles = viewer.roles.map((grant) => `${grant.role} · ${grant.orgUnit.name}`);
      who.textContent = `${viewer.displayName} (${viewer.username})` +
        (roles.length ? ` — ${roles.join(", ")}` : "");
    }
  }

  const VIEWER = "username displayName roles { role orgUnit { name } }";

  async function refresh() {
    const body = await post(`{ me { ${VIEWER} } }`);
    show(body.data && body.data.me);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    const fields = new FormData(form);
    const body = await post(
      `mutation SignIn($input: SignInInput!) { signIn(input: $input) { viewer { ${VIEWER} } errors { code message } } }`,
      { input: { username: fields.get("username"), password: fields.get("password") } },
    );
    const answer = body.data && body.data.signIn;
    if (!answer || answer.errors.length) {
      message.textContent = answer ? answer.errors[0].message : "Không đăng nhập được / Sign-in failed";
      return;
    }
    form.reset();
    show(answer.viewer);
    mount();
  });

  document.getElementById("sign-out").addEventListener("click", async () => {
    await post("mutation { signOut { signedOut } }");
    show(null);
    mount();
  });

  refresh().then(mount, mount);
})();
