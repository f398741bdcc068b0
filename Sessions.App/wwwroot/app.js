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
