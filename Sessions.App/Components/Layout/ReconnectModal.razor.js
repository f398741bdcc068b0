// Follows Blazor's reconnection (see ReconnectModal.razor): show while down, hide when back, and reload by
// itself when the server no longer knows this circuit, but only once the server answers (a reload while it
// is still down would show the browser's error page).
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

const phone = reconnectModal.dataset.phone === "true";
const restored = document.getElementById("connection-restored");
let wasDown = false;
let reloading = false;

function handleReconnectStateChanged(event) {
    const state = event.detail.state;
    if (state === "show" || state === "retrying") {
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
    } else if (state === "hide") {
        reconnectModal.close();
        document.documentElement.dataset.connection = "online";
        if (window.sessionsOutbox) {
            window.sessionsOutbox.flush();
        }
        // Say so when the connection is back, so nobody wonders whether their dot counted.
        if (wasDown && restored) {
            wasDown = false;
            restored.hidden = false;
            setTimeout(() => { restored.hidden = true; }, 4000);
        }
    } else if (state === "failed" || state === "rejected" || state === "resume-failed" || state === "paused") {
        // The circuit is gone (or Blazor gave up): a fresh page is the way back. A phone's draft, outbox and
        // token are in localStorage, so the participant comes back as they were.
        reloadWhenServerIsBack();
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
