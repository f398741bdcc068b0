// Keeps a participant's unsent answer in localStorage on every keystroke, in the browser itself,
// so it survives a dropped connection and a reload. The page reads it back when it starts.
document.addEventListener("input", (event) => {
    const holder = event.target.closest && event.target.closest("[data-draft-key]");
    if (!holder || !("value" in event.target)) {
        return;
    }
    const key = holder.getAttribute("data-draft-key");
    const requestId = holder.getAttribute("data-draft-request") || "";
    try {
        if (event.target.value) {
            localStorage.setItem(key, requestId + "\n" + event.target.value);
        } else {
            localStorage.removeItem(key);
        }
    } catch {
        // Private mode or a full storage: the draft is then only on screen.
    }
});

// Saves a report the server rendered (the facilitator key never goes into a URL).
window.sessionsDownload = async (fileName, contentType, streamReference) => {
    const buffer = await streamReference.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
};

// Countdowns: each [data-remaining-ms] element counts down from what the server rendered. A new
// render (new data-rendered) restarts from the server's figure, so the server's clock decides.
setInterval(() => {
    const now = performance.now();
    document.querySelectorAll("[data-remaining-ms]").forEach((el) => {
        if (el.dataset.seen !== el.dataset.rendered) {
            el.dataset.seen = el.dataset.rendered;
            el.dataset.start = String(now);
        }
        const left = Math.max(0, Number(el.dataset.remainingMs) - (now - Number(el.dataset.start)));
        const seconds = Math.ceil(left / 1000);
        const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
        if (el.textContent !== text) {
            el.textContent = text;
        }
        el.classList.toggle("countdown-done", seconds === 0);
    });
}, 250);

// The board has no controls: F (or a double click) toggles full screen.
document.addEventListener("keydown", (event) => {
    if ((event.key === "f" || event.key === "F") && document.querySelector("[data-testid=board]") && !event.ctrlKey && !event.metaKey) {
        toggleFullscreen();
    }
});
document.addEventListener("dblclick", () => {
    if (document.querySelector("[data-testid=board]")) {
        toggleFullscreen();
    }
});
function toggleFullscreen() {
    if (document.fullscreenElement) {
        document.exitFullscreen();
    } else {
        document.documentElement.requestFullscreen().catch(() => { });
    }
}

// Console shortcuts: handed to the console's .NET object; ignored while typing in a field.
window.sessionsShortcuts = {
    attach(dotnet) {
        window.sessionsShortcuts.detach();
        window.sessionsShortcuts.handler = (event) => {
            const target = event.target;
            if (event.ctrlKey || event.metaKey || event.altKey || (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)))) {
                return;
            }
            const keys = { n: "next-phase", b: "previous-phase", ArrowRight: "next-question", PageDown: "next-question", ArrowLeft: "previous-question", PageUp: "previous-question", r: "reveal", t: "timer" };
            const action = keys[event.key];
            if (action) {
                event.preventDefault();
                dotnet.invokeMethodAsync("OnShortcut", action);
            }
        };
        document.addEventListener("keydown", window.sessionsShortcuts.handler);
    },
    detach() {
        if (window.sessionsShortcuts.handler) {
            document.removeEventListener("keydown", window.sessionsShortcuts.handler);
            window.sessionsShortcuts.handler = null;
        }
    },
};

// The facilitator's sessions are the keys this browser holds.
window.sessionsStorageKeys = (prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix));
