// The phone's outbox: what a participant sends (answers, edits, withdrawals, ballots, consent) is kept in
// localStorage and posted to the HTTP contract with the participant's token until the server acknowledges it.
//
// Why here and not through the Blazor circuit: the circuit is a WebSocket that a phone on venue Wi-Fi loses
// often. A click while it is down goes nowhere (the event is never replayed), and a command that reached the
// server just before the drop gets no answer, so the page cannot tell whether to send again. The outbox owns
// every write instead: taps and typing are handled here in the browser, drawn at once, kept across reloads and
// sleeps, and sent again until acknowledged. Sending again is harmless: an answer carries its client request
// id (the server returns the same answer), a ballot is whole and numbered (the server ignores one older than
// what it holds), consent and edits are the latest word, a withdrawal already done is done. The circuit only
// draws the room; the outbox draws what it still holds ("waiting to send", then "sent").
(() => {
    "use strict";

    const outboxKey = (code) => `sessions.outbox.${code}`;
    const tokenKey = (code) => `sessions.participant.${code}`;
    const revisionKey = (code) => `sessions.ballot-revision.${code}`;
    const draftKey = (code, question) => `sessions.draft.${code}.${question}`;
    const maxDelayMs = 5000;
    const requestTimeoutMs = 10000;

    const pumps = new Map(); // join code -> { running, timer, failures }
    const shownBallots = new Map(); // "code/question/round" -> { seenAttribute, dots }

    function read(key, fallback) {
        try {
            const text = localStorage.getItem(key);
            return text ? JSON.parse(text) : fallback;
        } catch {
            return fallback;
        }
    }

    function write(key, value) {
        try {
            localStorage.setItem(key, JSON.stringify(value));
        } catch {
            // A full or private storage: the item still lives in this page until it is sent.
        }
    }

    const memory = new Map(); // join code -> items, when localStorage refuses to keep them
    function load(code) {
        return read(outboxKey(code), null) ?? memory.get(code) ?? [];
    }
    function save(code, items) {
        memory.set(code, items);
        write(outboxKey(code), items);
        draw();
    }

    function newId() {
        return (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`).replaceAll("-", "");
    }

    function nextRevision(code) {
        // Rises with every change of ballot on this phone, and with the clock: the server ignores a ballot older than
        // one it took, so a ballot made later on another browser of the same participant (its own counter) still wins
        // over one this phone made earlier and delivers after it.
        const next = Math.max(Number(localStorage.getItem(revisionKey(code)) || 0) + 1, Date.now());
        try { localStorage.setItem(revisionKey(code), String(next)); } catch { /* kept in the item itself */ }
        return next;
    }

    function enqueue(code, item) {
        const items = load(code);
        if (item.kind === "ballot") {
            // Only the newest ballot of a question matters; an older one still waiting is replaced.
            const index = items.findIndex((i) => i.kind === "ballot" && i.question === item.question && i.round === item.round && i.state === "waiting");
            if (index >= 0) {
                items.splice(index, 1);
            }
        }
        if (item.kind === "consent") {
            const index = items.findIndex((i) => i.kind === "consent" && i.state === "waiting");
            if (index >= 0) {
                items.splice(index, 1);
            }
        }
        items.push({ id: newId(), state: "waiting", at: Date.now(), ...item });
        save(code, items);
        pump(code, true);
    }

    function pumpOf(code) {
        if (!pumps.has(code)) {
            pumps.set(code, { running: false, timer: 0, failures: 0 });
        }
        return pumps.get(code);
    }

    // Sends the waiting items one at a time, oldest first (an edit must not overtake the answer it edits).
    async function pump(code, now) {
        const state = pumpOf(code);
        if (now) {
            clearTimeout(state.timer);
            state.timer = 0;
            state.failures = 0;
        }
        if (state.running || state.timer) {
            return;
        }
        state.running = true;
        try {
            for (;;) {
                const head = load(code).find((i) => i.state === "waiting");
                if (!head) {
                    state.failures = 0;
                    return;
                }
                const outcome = await send(code, head);
                if (outcome.retry) {
                    state.failures++;
                    // Backoff from half a second up to five: quick after a short drop, gentle on a long one.
                    const delay = Math.min(maxDelayMs, 500 * 2 ** Math.min(state.failures - 1, 4));
                    state.timer = setTimeout(() => { state.timer = 0; pump(code, false); }, delay);
                    return;
                }
                state.failures = 0;
                settle(code, head, outcome);
            }
        } finally {
            state.running = false;
        }
    }

    async function send(code, item) {
        const token = localStorage.getItem(tokenKey(code));
        if (!token) {
            return { refused: true, message: "" };
        }
        const controller = new AbortController();
        const timeout = setTimeout(() => controller.abort(), requestTimeoutMs);
        try {
            const response = await fetch(item.url, {
                method: item.method,
                headers: { "Authorization": `Bearer ${token}`, "Content-Type": "application/json", "Accept": "application/json" },
                body: item.body === undefined ? undefined : JSON.stringify(item.body),
                signal: controller.signal,
                cache: "no-store",
            });
            if (response.ok) {
                const text = await response.text();
                return { ok: true, body: text ? JSON.parse(text) : null };
            }
            // Withdrawing what is already gone (a retry whose first try arrived) is done.
            if (item.kind === "withdraw" && response.status === 404) {
                return { ok: true, body: null };
            }
            // The server is there but cannot take it now (restarting, busy, too many taps): try again later.
            if (response.status >= 500 || response.status === 429 || response.status === 408) {
                return { retry: true };
            }
            let message = "";
            try {
                const problem = await response.json();
                message = problem.localized || problem.detail || "";
            } catch {
                // No problem details: the generic refusal text of the page is shown.
            }
            return { refused: true, message };
        } catch {
            return { retry: true };
        } finally {
            clearTimeout(timeout);
        }
    }

    function settle(code, head, outcome) {
        const items = load(code);
        const item = items.find((i) => i.id === head.id);
        if (!item) {
            return;
        }
        if (outcome.ok) {
            item.state = "sent";
            item.sentAt = Date.now();
            if (item.kind === "answer" && outcome.body) {
                item.answerId = outcome.body.answerId;
            }
            if (item.kind === "ballot" && outcome.body) {
                // What the server holds now (the phone's ballot, or a newer one if this one was overtaken).
                item.stands = outcome.body.dots;
            }
        } else {
            item.state = "refused";
            item.message = outcome.message;
        }
        // Keep a short history for the page to show "sent"; everything older goes.
        const keep = items.filter((i) => i.state === "waiting" || i.id === item.id || (Date.now() - (i.sentAt || i.at)) < 10 * 60 * 1000);
        save(code, trimHistory(keep));
    }

    function trimHistory(items) {
        // A ballot or consent that was sent is only history once a newer one of its kind exists.
        return items.filter((i, index) => i.state === "waiting" || !items.slice(index + 1).some((later) =>
            (i.kind === "ballot" && later.kind === "ballot" && later.question === i.question && later.round === i.round) ||
            (i.kind === "consent" && later.kind === "consent")));
    }

    // ---- what the page holds: the participant's join code and texts ---------------------------------

    function context(element) {
        const root = element.closest("[data-outbox-code]");
        return root ? { root, code: root.dataset.outboxCode } : null;
    }

    function text(root, name) {
        const holder = root.closest("[data-outbox-texts]") || document.querySelector("[data-outbox-texts]");
        return (holder && holder.dataset[name]) || "";
    }

    function stateText(root, item) {
        if (item.state === "waiting") {
            return text(root, "textWaiting");
        }
        if (item.state === "sent") {
            return text(root, "textSent");
        }
        return `${text(root, "textRefused")}${item.message ? `: ${item.message}` : ""}`;
    }

    // ---- answers: send, edit, withdraw ---------------------------------------------------------------

    function sendAnswer(panel) {
        const code = panel.dataset.outboxCode;
        const question = Number(panel.dataset.question);
        const box = panel.querySelector("[data-outbox-draft]");
        const error = panel.querySelector("[data-outbox-error]");
        const value = box.value;
        const max = Number(box.dataset.max || 500);
        let message = "";
        if (!value.trim()) {
            message = panel.dataset.textEmpty;
        } else if (value.length > max) {
            message = panel.dataset.textTooLong;
        }
        error.textContent = message;
        error.hidden = !message;
        if (message) {
            return;
        }
        // The request id that travelled with the draft: a send that reached the server is recognised.
        const requestId = panel.dataset.draftRequest || newId();
        enqueue(code, {
            kind: "answer", question, text: value, requestId,
            method: "POST", url: `/api/sessions/${code}/questions/${question}/answers`,
            body: { text: value, clientRequestId: requestId },
        });
        box.value = "";
        panel.dataset.draftRequest = newId();
        try { localStorage.removeItem(draftKey(code, question)); } catch { /* nothing kept */ }
        drawCounter(panel);
    }

    function startEdit(button) {
        const entry = button.closest("[data-own-answer]");
        const slot = entry.querySelector("[data-outbox-edit]");
        if (slot.firstChild) {
            return;
        }
        const panel = entry.closest("[data-outbox-code]");
        const box = document.createElement("textarea");
        box.className = "outbox-textarea";
        box.rows = 2;
        box.maxLength = 500;
        box.value = entry.querySelector(".own-answer-text").textContent;
        box.setAttribute("data-testid", "edit-input");
        const save = document.createElement("button");
        save.type = "button";
        save.className = "outbox-button outbox-button-primary";
        save.textContent = text(panel, "textSave");
        save.setAttribute("data-testid", "edit-save");
        const cancel = document.createElement("button");
        cancel.type = "button";
        cancel.className = "outbox-button";
        cancel.textContent = text(panel, "textCancel");
        save.addEventListener("click", () => {
            if (!box.value.trim()) {
                box.focus();
                return;
            }
            const code = panel.dataset.outboxCode;
            const question = Number(panel.dataset.question);
            const answerId = entry.dataset.ownAnswer;
            enqueue(code, {
                kind: "edit", question, answerId, text: box.value,
                method: "PUT", url: `/api/sessions/${code}/questions/${question}/answers/${answerId}`,
                body: { text: box.value },
            });
            slot.replaceChildren();
        });
        cancel.addEventListener("click", () => slot.replaceChildren());
        slot.replaceChildren(box, save, cancel);
        box.focus();
    }

    function withdraw(button) {
        const entry = button.closest("[data-own-answer]");
        const panel = entry.closest("[data-outbox-code]");
        const code = panel.dataset.outboxCode;
        const question = Number(panel.dataset.question);
        const answerId = entry.dataset.ownAnswer;
        enqueue(code, {
            kind: "withdraw", question, answerId, text: entry.querySelector(".own-answer-text").textContent,
            method: "DELETE", url: `/api/sessions/${code}/questions/${question}/answers/${answerId}`,
        });
    }

    function drawCounter(panel) {
        const box = panel.querySelector("[data-outbox-draft]");
        const counter = panel.querySelector("[data-outbox-counter]");
        if (box && counter) {
            const value = `${box.value.length} / ${box.dataset.max || 500}`;
            if (counter.textContent !== value) {
                counter.textContent = value;
            }
        }
    }

    // The panel's own list: what this phone sent or still holds for this question.
    function drawCollect(panel) {
        const code = panel.dataset.outboxCode;
        const question = Number(panel.dataset.question);
        const list = panel.querySelector("[data-outbox-list]");
        const box = panel.querySelector("[data-outbox-draft]");
        if (box && !box.dataset.restored) {
            box.dataset.restored = "1";
            const stored = localStorage.getItem(draftKey(code, question));
            if (stored && !box.value) {
                const [requestId, ...rest] = stored.split("\n");
                box.value = rest.join("\n");
                panel.dataset.draftRequest = requestId;
            }
            if (!panel.dataset.draftRequest) {
                panel.dataset.draftRequest = newId();
            }
            drawCounter(panel);
        }
        if (!list) {
            return;
        }
        const shownIds = new Set([...panel.querySelectorAll("[data-own-answer]")].map((e) => e.dataset.ownAnswer));
        const all = load(code);
        // An answer withdrawn afterwards (its withdrawal waiting or done) is not listed as "sent": only the withdrawal is.
        const withdrawn = new Set(all.filter((i) => i.kind === "withdraw" && i.state !== "refused").map((i) => i.answerId));
        const items = all.filter((i) => i.question === question && ["answer", "edit", "withdraw"].includes(i.kind))
            .filter((i) => i.kind === "withdraw" || !i.answerId || !withdrawn.has(i.answerId))
            // A sent answer is drawn by the server's list once that list has it; until then, here.
            .filter((i) => !(i.state === "sent" && i.kind === "answer" && shownIds.has(i.answerId)))
            .filter((i) => !(i.state === "sent" && i.kind === "withdraw" && !shownIds.has(i.answerId)))
            .filter((i) => !(i.state === "sent" && i.kind === "edit" && editShown(panel, i)));
        const rows = items.map((item) => {
            const row = document.createElement("li");
            row.className = `outbox-item outbox-${item.state}`;
            row.setAttribute("data-testid", "outbox-item");
            row.dataset.state = item.state;
            row.dataset.kind = item.kind;
            const what = document.createElement("span");
            what.className = "outbox-text";
            what.textContent = item.kind === "withdraw" ? `${text(panel, "textWithdrawn")}: ${item.text}` : item.text;
            const status = document.createElement("span");
            status.className = "outbox-state";
            status.setAttribute("data-testid", "outbox-state");
            status.textContent = stateText(panel, item);
            row.append(what, status);
            return row;
        });
        const signature = JSON.stringify(items.map((i) => [i.id, i.state, i.message]));
        if (list.dataset.signature !== signature) {
            list.dataset.signature = signature;
            list.replaceChildren(...rows);
        }
        // An answer the server holds says "sent" when this phone sent it (or the last edit of it).
        panel.querySelectorAll("[data-own-answer]").forEach((entry) => {
            const slot = entry.querySelector("[data-outbox-answer-state]");
            if (!slot) {
                return;
            }
            const mine = all.filter((i) => i.answerId === entry.dataset.ownAnswer && (i.kind === "answer" || i.kind === "edit"));
            const last = mine[mine.length - 1];
            setText(slot, last && last.state === "sent" ? text(panel, "textSent") : "");
        });
        // A withdrawal on its way hides the answer at once.
        panel.querySelectorAll("[data-own-answer]").forEach((entry) => {
            const leaving = items.some((i) => i.kind === "withdraw" && i.answerId === entry.dataset.ownAnswer && i.state !== "refused");
            if (entry.classList.contains("outbox-leaving") !== leaving) {
                entry.classList.toggle("outbox-leaving", leaving);
            }
        });
    }

    function editShown(panel, item) {
        const entry = panel.querySelector(`[data-own-answer="${item.answerId}"] .own-answer-text`);
        return !entry || entry.textContent.trim() === item.text.trim();
    }

    // ---- ballots -------------------------------------------------------------------------------------

    function ballotState(panel) {
        const code = panel.dataset.outboxCode;
        const key = `${code}/${panel.dataset.question}/${panel.dataset.round}`;
        const attribute = panel.dataset.ballot || "{}";
        let shown = shownBallots.get(key);
        if (!shown || shown.seenAttribute !== attribute) {
            // The server drew a new ballot (a reload, a merge that refunded a dot): that is the truth now,
            // unless a change of this phone is still waiting to be sent.
            shown = { seenAttribute: attribute, dots: JSON.parse(attribute), adoptedAt: Date.now() };
            shownBallots.set(key, shown);
        }
        const waiting = load(code).filter((i) => i.kind === "ballot" && i.question === Number(panel.dataset.question) && i.round === panel.dataset.round);
        const last = waiting[waiting.length - 1];
        if (last && last.state === "waiting") {
            return { dots: last.body.dots, item: last };
        }
        if (last && last.state === "sent" && last.stands && last.sentAt > (shown.adoptedAt || 0)) {
            return { dots: last.stands, item: last };
        }
        return { dots: shown.dots, item: last };
    }

    function changeDot(button, delta) {
        const panel = button.closest("[data-outbox-ballot]");
        const entry = button.closest("[data-answer-id]");
        const answerId = entry.dataset.answerId;
        const budget = Number(panel.dataset.budget);
        const cap = Number(panel.dataset.max);
        const dots = { ...ballotState(panel).dots };
        const used = Object.values(dots).reduce((a, b) => a + b, 0);
        const mine = dots[answerId] || 0;
        const message = panel.querySelector("[data-outbox-message]");
        let refusal = "";
        if (delta > 0 && used >= budget) {
            refusal = panel.dataset.textNoDots;
        } else if (delta > 0 && mine >= cap) {
            refusal = panel.dataset.textCap;
        } else if (delta < 0 && mine === 0) {
            return;
        }
        message.textContent = refusal;
        message.hidden = !refusal;
        if (refusal) {
            return;
        }
        if (mine + delta === 0) {
            delete dots[answerId];
        } else {
            dots[answerId] = mine + delta;
        }
        const code = panel.dataset.outboxCode;
        const question = Number(panel.dataset.question);
        enqueue(code, {
            kind: "ballot", question, round: panel.dataset.round,
            method: "PUT", url: `/api/sessions/${code}/questions/${question}/ballot`,
            body: { dots, revision: nextRevision(code) },
        });
    }

    function setText(element, value) {
        if (!element) {
            return;
        }
        // The text node Blazor drew is changed in place, never replaced, so Blazor's own updates still land.
        if (element.firstChild && element.firstChild.nodeType === Node.TEXT_NODE && element.childNodes.length === 1) {
            if (element.firstChild.nodeValue !== value) {
                element.firstChild.nodeValue = value;
            }
        } else if (element.textContent !== value) {
            element.textContent = value;
        }
    }

    function drawBallot(panel) {
        const { dots, item } = ballotState(panel);
        const budget = Number(panel.dataset.budget);
        const used = Object.values(dots).reduce((a, b) => a + b, 0);
        const remaining = Math.max(0, budget - used);
        setText(panel.querySelector(".vote-remaining-number"), String(remaining));
        setText(panel.querySelector("[data-outbox-remaining-label]"), remaining === 1 ? panel.dataset.textDotLeft : panel.dataset.textDotsLeft);
        panel.querySelectorAll(".vote-dot-row .dot").forEach((dot, index) => {
            const wanted = index < remaining ? "dot dot-free" : "dot dot-used";
            if (dot.className !== wanted) {
                dot.className = wanted;
            }
        });
        panel.querySelectorAll("[data-answer-id]").forEach((entry) => {
            const mine = dots[entry.dataset.answerId] || 0;
            setText(entry.querySelector("[data-testid=my-dots]"), String(mine));
            if (entry.classList.contains("vote-item-chosen") !== mine > 0) {
                entry.classList.toggle("vote-item-chosen", mine > 0);
            }
            const remove = entry.querySelector("[data-outbox-dot='-1']");
            if (remove && remove.disabled !== (mine === 0)) {
                remove.disabled = mine === 0;
            }
            const add = entry.querySelector("[data-outbox-dot='1']");
            const spent = remaining === 0 || mine >= Number(panel.dataset.max);
            if (add && add.classList.contains("vote-add-spent") !== spent) {
                add.classList.toggle("vote-add-spent", spent);
                add.setAttribute("aria-disabled", spent ? "true" : "false");
            }
        });
        const status = panel.querySelector("[data-outbox-status]");
        if (status) {
            const wanted = item ? stateText(panel, item) : "";
            setText(status, wanted);
            status.dataset.state = item ? item.state : "";
            if (item && item.state === "refused" && !item.shownRefusal) {
                // A refused ballot falls back to what the server holds.
                item.shownRefusal = true;
            }
        }
    }

    // ---- consent -------------------------------------------------------------------------------------

    function setConsent(input) {
        const { code } = context(input);
        enqueue(code, { kind: "consent", method: "PUT", url: `/api/sessions/${code}/participants/me`, body: { mayBeNamed: input.checked } });
    }

    function drawConsent(holder) {
        const { code } = context(holder);
        const items = load(code).filter((i) => i.kind === "consent");
        const last = items[items.length - 1];
        const input = holder.querySelector("input[type=checkbox]");
        if (last && last.state === "waiting" && input.checked !== last.body.mayBeNamed) {
            input.checked = last.body.mayBeNamed;
        }
        setText(holder.querySelector("[data-outbox-status]"), last && !(last.state === "sent" && Date.now() - last.sentAt > 5000) ? stateText(holder, last) : "");
    }

    // ---- drawing and events --------------------------------------------------------------------------

    let drawing = false;
    function draw() {
        if (drawing) {
            return;
        }
        drawing = true;
        try {
            document.querySelectorAll("[data-outbox-collect]").forEach(drawCollect);
            document.querySelectorAll("[data-outbox-ballot]").forEach(drawBallot);
            document.querySelectorAll("[data-outbox-consent]").forEach(drawConsent);
            const codes = new Set([...document.querySelectorAll("[data-outbox-code]")].map((e) => e.dataset.outboxCode));
            codes.forEach((code) => {
                if (load(code).some((i) => i.state === "waiting")) {
                    pump(code, false);
                }
            });
        } finally {
            drawing = false;
        }
    }

    document.addEventListener("click", (event) => {
        const target = event.target.closest && event.target.closest("[data-outbox-send], [data-outbox-dot], [data-outbox-edit-start], [data-outbox-withdraw]");
        if (!target || target.disabled) {
            return;
        }
        if (target.hasAttribute("data-outbox-send")) {
            sendAnswer(target.closest("[data-outbox-collect]"));
        } else if (target.hasAttribute("data-outbox-dot")) {
            changeDot(target, Number(target.dataset.outboxDot));
        } else if (target.hasAttribute("data-outbox-edit-start")) {
            startEdit(target);
        } else if (target.hasAttribute("data-outbox-withdraw")) {
            withdraw(target);
        }
    });

    document.addEventListener("change", (event) => {
        if (event.target.matches && event.target.matches("[data-outbox-consent] input[type=checkbox]")) {
            setConsent(event.target);
        }
    });

    document.addEventListener("input", (event) => {
        const panel = event.target.closest && event.target.closest("[data-outbox-collect]");
        if (panel && event.target.matches("[data-outbox-draft]")) {
            drawCounter(panel);
        }
    });

    // Blazor redraws the room; the outbox redraws what it holds on top, after every change.
    let scheduled = false;
    new MutationObserver(() => {
        if (scheduled || drawing) {
            return;
        }
        scheduled = true;
        queueMicrotask(() => { scheduled = false; draw(); });
    }).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["data-ballot", "data-outbox-code", "data-question", "class"] });

    // Another tab of this phone changed the outbox.
    window.addEventListener("storage", (event) => {
        if (event.key && event.key.startsWith("sessions.outbox.")) {
            draw();
        }
    });
    // The network is back: send now rather than at the end of a backoff.
    window.addEventListener("online", () => pumps.forEach((_, code) => pump(code, true)));
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") {
            pumps.forEach((_, code) => pump(code, true));
            draw();
        }
    });
    setInterval(draw, 2000);

    window.sessionsOutbox = {
        /** Items this phone still holds for a join code (for tests and diagnostics). */
        items: (code) => load(code),
        draw,
        /** Sends now instead of at the end of a backoff (the connection is known to be back). */
        flush: () => pumps.forEach((_, code) => pump(code, true)),
    };
})();
