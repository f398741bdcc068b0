// Follows the connection (see ReconnectModal.razor): show while down, hide when back, and reload by itself when
// the server no longer knows this circuit, but only once the server answers (a reload while it is still down
// would show the browser's error page).
//
// "Down" is any of: Blazor's own reconnection is running (the socket closed), the circuit's socket has gone
// silent (wwwroot/blazor-start.js watches it; a network that stops forwarding closes nothing), or the browser
// knows it has no network at all.
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

const phone = reconnectModal.dataset.phone === "true";
const restored = document.getElementById("connection-restored");
let blazorDown = false;
let silent = window.sessionsConnection ? window.sessionsConnection.silent : false;
let wasDown = false;
let reloading = false;

document.addEventListener("sessions:connection", (event) => {
    silent = event.detail.silent;
    update();
});
window.addEventListener("offline", update);
window.addEventListener("online", update);

function handleReconnectStateChanged(event) {
    const state = event.detail.state;
    if (state === "show" || state === "retrying") {
        blazorDown = true;
    } else if (state === "hide") {
        blazorDown = false;
    } else if (state === "failed" || state === "rejected" || state === "resume-failed" || state === "paused") {
        // The circuit is gone (or Blazor gave up): a fresh page is the way back. A phone's draft, outbox and
        // token are in localStorage, so the participant comes back as they were.
        blazorDown = true;
        reloadWhenServerIsBack();
    }
    update();
}

function update() {
    const down = blazorDown || silent || navigator.onLine === false;
    if (down) {
        wasDown = true;
        document.documentElement.dataset.connection = "offline";
        if (!reconnectModal.open) {
            // On a phone a non-modal banner: the page under it keeps working.
            if (phone) {
                reconnectModal.show();
            } else {
                reconnectModal.showModal();
            }
        }
        return;
    }
    if (reconnectModal.open) {
        reconnectModal.close();
    }
    document.documentElement.dataset.connection = "online";
    if (!wasDown) {
        return;
    }
    wasDown = false;
    // Back: what waits in the outbox goes now rather than at the end of a backoff.
    if (window.sessionsOutbox) {
        window.sessionsOutbox.flush();
    }
    // Say so, so nobody wonders whether their dot counted.
    if (restored) {
        restored.hidden = false;
        setTimeout(() => { restored.hidden = true; }, 4000);
    }
}

async function reloadWhenServerIsBack() {
    if (reloading) {
        return;
    }
    reloading = true;
    for (let attempt = 0; ; attempt++) {
        try {
            const response = await fetch("/healthz", { cache: "no-store" });
            if (response.ok) {
                location.reload();
                return;
            }
        } catch {
            // Still down: try again.
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 + attempt * 500)));
    }
}

update();
