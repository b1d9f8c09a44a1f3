"""The auto-render in Firefox ESR (Debian's, driven through Marionette): the plain example page and every
real-tool fixture of tests/js/stacks.json draw their blocks, show the bad block's message, keep labels
inert, follow the site's dark-mode control, and draw the second page after the site's own navigation.
Run by tests/firefox/run.sh, which serves www/ and passes its URL."""
import json
import os
import tempfile
import sys
import time

from marionette_driver import By
from marionette_driver.marionette import Marionette

HERE = os.path.dirname(os.path.abspath(__file__))
STACKS = json.load(open(os.path.join(HERE, "..", "js", "stacks.json")))["stacks"]
BASE = sys.argv[1].rstrip("/") + "/"

SURVEY = """
const figs = [...document.querySelectorAll("figure.archdiag")];
return {
  drawn: document.documentElement.dataset.archdiag ?? null,
  svgs: figs.filter((f) => f.querySelector(":scope > svg")).length,
  errors: figs.map((f) => f.querySelector(":scope > .archdiag-error")?.textContent).filter(Boolean),
  backgrounds: figs.map((f) => f.querySelector(":scope > svg rect.ad-bg")?.getAttribute("fill")).filter(Boolean),
  injected: document.querySelectorAll("figure.archdiag script, figure.archdiag img, figure.archdiag [onerror]").length,
  elements: document.querySelectorAll("arch-diagram > svg").length,
  alerted: window.__archdiagAlerted ?? false,
};
"""


def wait(client, condition, what, timeout=20):
    """Polls the page's SURVEY until `condition` holds; fails naming `what` and the last survey."""
    end = time.time() + timeout
    while True:
        s = client.execute_script(SURVEY, sandbox=None)
        if condition(s):
            return s
        if time.time() > end:
            raise AssertionError(f"{what}: timed out; page shows {s}")
        time.sleep(0.1)


def expect(stack, want):
    """Waits until the page shows exactly `want`'s diagrams and errors; returns their backgrounds."""
    try:
        s = wait(client_of[0], lambda s: s["svgs"] == want["svgs"] and len(s["errors"]) == want["errors"], f"{want['path']}", timeout=15)
    except AssertionError as e:
        raise AssertionError(f"{want['path']}: expected {want['svgs']} diagrams and {want['errors']} errors ({e})") from None
    check(all(e.startswith("archdiag: spec is not valid JSON at line") for e in s["errors"]), s["errors"])
    check(s["injected"] == 0, "no markup from labels")
    return s["backgrounds"]


client_of = []


def trap_alerts(client):
    # A label that ran as script would call alert(); make that visible instead of modal. (Scripts run
    # in the page's own window, sandbox=None, so what they set is the page's.)
    client.execute_script("window.alert = () => { window.__archdiagAlerted = true; };", sandbox=None)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    client = Marionette(bin=os.environ.get("FIREFOX", "/usr/bin/firefox-esr"), headless=True, startup_timeout=90,
                        gecko_log=os.path.join(tempfile.gettempdir(), "archdiag-gecko.log"))
    failures = []
    try:
        client.start_session()
        client_of.append(client)
        print(f"# {client.session_capabilities['browserName']} {client.session_capabilities['browserVersion']}")

        def case(name, body):
            start = time.time()
            try:
                body()
                print(f"ok - {name} ({time.time() - start:.1f} s)")
            except Exception as e:  # noqa: BLE001 - every failure is reported, then the run fails
                failures.append(name)
                print(f"not ok - {name}: {e}")

        def plain():
            client.navigate(BASE + "examples/plain.html")
            s = wait(client, lambda s: s["drawn"] == "drawn" and s["elements"] == 2, "plain example")
            check(s["svgs"] == 2, f"two blocks drawn, got {s}")
            check(len(s["errors"]) == 1 and "Node group is an EKS feature" in s["errors"][0], f"the bad block's message, got {s['errors']}")

        case("plain HTML: blocks and elements drawn, the bad block's message in place", plain)

        for stack in STACKS:
            def fixture(stack=stack):
                # Sites built for an origin (mkdocs-material's site_url) are served there by run.sh.
                base = stack["origin"].rstrip("/") + "/" if stack.get("origin") else BASE
                client.set_pref("layout.css.prefers-color-scheme.content-override", 1)  # light
                client.navigate(base + stack["first"]["path"])
                trap_alerts(client)
                light = expect(stack, stack["first"])
                check(len(set(light)) == 1, f"one scheme at first, got {set(light)}")
                if "click" in stack["dark"]:
                    clicks = stack["dark"]["click"]
                    for control in clicks if isinstance(clicks, list) else [clicks]:
                        client.find_element(By.CSS_SELECTOR, control).click()
                else:
                    client.set_pref("layout.css.prefers-color-scheme.content-override", 0)  # dark
                s = wait(client, lambda s: s["backgrounds"] and len(set(s["backgrounds"])) == 1 and set(s["backgrounds"]) != set(light), "dark after the site's toggle")
                dark = set(s["backgrounds"])
                if stack.get("second"):
                    client.execute_script("window.__archdiagSamePage = true;", sandbox=None)
                    client.find_element(By.CSS_SELECTOR, stack["next"]).click()
                    wait(client, lambda s: client.get_url().endswith(stack["second"]["path"]), "the second page")
                    check(set(expect(stack, stack["second"])) == dark, "the second page is drawn dark too")
                    if stack.get("clientSide"):
                        check(client.execute_script("return window.__archdiagSamePage ?? false", sandbox=None), "navigated without a reload")
                s = client.execute_script(SURVEY, sandbox=None)
                check(not s["alerted"], "no label ran as script")

            case(f"{stack['stack']}", fixture)
    finally:
        try:
            client.delete_session()
        except Exception:  # noqa: BLE001 - the session may already be gone
            pass
        client.cleanup()
    print(f"# {len(failures)} failed" if failures else "# all passed")
    sys.stdout.flush()
    # mozprofile's finaliser fails noisily at interpreter shutdown; everything is cleaned up already.
    os._exit(1 if failures else 0)


if __name__ == "__main__":
    main()
